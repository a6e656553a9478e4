import { execFileSync } from "node:child_process";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseAllDocuments, parse as parseYaml } from "yaml";
import { describe, expect, test } from "vitest";
import { validateStructure } from "../../src/config/file-schemas.js";
import { REPO_ROOT } from "../helpers/config-dir.js";
import { parseDockerfile, type Instruction } from "../helpers/dockerfile.js";
import { findNginx } from "../helpers/nginx.js";

// There is no Docker engine or Kubernetes cluster here: the recipes are parsed and checked for
// what would break them (or leak a secret), and nginx checks its own config when installed.
const read = (path: string) => readFileSync(join(REPO_ROOT, path), "utf8");
const pkg = JSON.parse(read("package.json")) as { version: string };
const stages = parseDockerfile(read("Dockerfile"));
const final = stages.at(-1)!;
const all = (op: string, instructions: Instruction[] = final.instructions) =>
  instructions.filter((i) => i.op === op);
const finalEnv = Object.fromEntries(
  all("ENV").flatMap((i) => i.args.map((a) => a.split("=") as [string, string])),
);
const compose = parseYaml(read("compose.yaml")) as {
  services: Record<string, Record<string, unknown>>;
};
const k8s = readdirSync(join(REPO_ROOT, "deploy/k8s"))
  .filter((f) => f.endsWith(".yaml"))
  .flatMap((file) =>
    parseAllDocuments(read(`deploy/k8s/${file}`)).map((d) => ({
      file,
      doc: d.toJS() as Record<string, any>,
    })),
  );
const kind = (k: string) => k8s.filter((m) => m.doc.kind === k).map((m) => m.doc);
const deployment = kind("Deployment")[0];
const pod = deployment.spec.template.spec;
const container = pod.containers[0];

/** Variable names documented in the README's Configuration table. */
const configSection = /\n## Configuration\n([\s\S]*?)\n## /.exec(read("README.md"))![1];
const documented = new Set(
  configSection
    .split("\n")
    .filter((l) => l.startsWith("| `"))
    .flatMap((l) => [...l.split("|")[1].matchAll(/`([A-Z][A-Z0-9_]+)`/g)].map((m) => m[1])),
);
/** Variables whose value is a secret (API_TOKENS_FILE is a path, not one). */
const SECRET_NAME = /(TOKEN|SECRET|PASSWORD|KEY)$/;

describe("Dockerfile", () => {
  test("is multi-stage: dist/ is built in one stage, production dependencies installed in another", () => {
    expect(stages.length).toBeGreaterThanOrEqual(3);
    const builder = stages.find((s) =>
      all("RUN", s.instructions).some((r) => r.raw.includes("scripts/build.mjs")),
    );
    const deps = stages.find((s) =>
      all("RUN", s.instructions).some((r) => /npm ci .*--omit=dev/.test(r.raw)),
    );
    expect(builder?.name).toBeTruthy();
    expect(deps?.name).toBeTruthy();
    const fromStages = all("COPY")
      .map((c) => c.flags.from)
      .filter(Boolean);
    expect(fromStages).toEqual(expect.arrayContaining([builder!.name, deps!.name]));
    // The image itself installs nothing: no dev dependency can reach it.
    expect(all("RUN")).toEqual([]);
  });

  test("runs as a non-root user the Kubernetes manifests agree with", () => {
    const user = all("USER").at(-1)?.args[0];
    expect(user).toBeDefined();
    expect(["root", "0"]).not.toContain(user);
    expect(final.image).toMatch(/^node:20/);
    // The node image's `node` user is uid 1000.
    expect(user).toBe("node");
    expect(pod.securityContext.runAsUser).toBe(1000);
    expect(pod.securityContext.runAsNonRoot).toBe(true);
  });

  test("starts the built service, listens on the exposed port, and checks /healthz there", () => {
    expect(all("CMD").at(-1)?.args).toEqual(["node", "dist/src/main.js"]);
    expect(all("EXPOSE").map((e) => e.args[0])).toEqual([finalEnv.PORT]);
    expect(finalEnv.HOST).toBe("0.0.0.0");
    const healthcheck = all("HEALTHCHECK")[0];
    expect(healthcheck.flags).toMatchObject({
      interval: expect.any(String),
      timeout: expect.any(String),
    });
    const cmd = JSON.parse(healthcheck.raw.replace(/^CMD\s+/, "")) as string[];
    expect(cmd[0]).toBe("node");
    expect(cmd.join(" ")).toContain("/healthz");
    expect(cmd.join(" ")).toContain("process.env.PORT");
  });

  test("copies no servers.d, no credentials and nothing that does not exist; .dockerignore keeps secrets out", () => {
    for (const copy of stages.flatMap((s) => all("COPY", s.instructions))) {
      if (copy.flags.from) continue;
      for (const source of copy.args.slice(0, -1)) {
        expect(existsSync(join(REPO_ROOT, source)), source).toBe(true);
        expect(source).not.toMatch(/servers\.d|\.pd-mcp|\.env|accounts/);
      }
    }
    const ignored = read(".dockerignore")
      .split("\n")
      .map((l) => l.trim());
    expect(ignored).toEqual(
      expect.arrayContaining([".env", ".pd-mcp", "servers.d", "node_modules", "dist", ".git"]),
    );
    // servers.d and the API tokens file live under a mount point, outside the image's files.
    expect(finalEnv.SERVERS_DIR).toMatch(/^\/config\//);
    expect(finalEnv.API_TOKENS_FILE).toMatch(/^\/config\//);
    expect(Object.keys(finalEnv).filter((k) => SECRET_NAME.test(k))).toEqual([]);
  });
});

describe("compose.yaml", () => {
  const service = compose.services["pd-mcp"] as Record<string, any>;
  const nginx = compose.services.nginx as Record<string, any>;

  test("several replicas of the image, on the Dockerfile's port, reachable only through nginx", () => {
    expect(service.build).toBe(".");
    expect(service.image).toBe(`pd-mcp:${pkg.version}`);
    expect(service.deploy.replicas).toBeGreaterThanOrEqual(2);
    expect(service.environment.PORT).toBe(finalEnv.PORT);
    expect(service.environment.HOST).toBe("0.0.0.0");
    expect(service.ports).toBeUndefined();
    expect(service.stop_grace_period).toBeTruthy();
    expect(nginx.ports).toEqual(expect.arrayContaining(["443:443"]));
    expect(nginx.depends_on["pd-mcp"].condition).toBe("service_healthy");
  });

  test("all replicas mount one servers.d, API tokens file and state folder where the service looks", () => {
    const mounts = (service.volumes as string[]).map((v) => v.split(":"));
    const source = (path: string) =>
      mounts.find(([, t]) => path === t || path.startsWith(`${t}/`))?.[0];
    expect(source(service.environment.SERVERS_DIR)).toBe("./servers.d");
    expect(source(service.environment.API_TOKENS_FILE)).toBe("./.pd-mcp");
    expect(source(service.environment.STATE_DIR)).toBe("./.pd-mcp");
  });

  test("credentials come from a git-ignored env file, never inline; the public URL is https", () => {
    expect(Object.keys(service.environment).filter((k) => SECRET_NAME.test(k))).toEqual([]);
    const envFile = (service.env_file as Array<{ path: string }>)[0].path;
    const gitignore = read(".gitignore");
    expect(gitignore).toContain(envFile);
    expect(existsSync(join(REPO_ROOT, `${envFile}.example`))).toBe(true);
    expect(service.environment.PUBLIC_URL).toMatch(/^https:\/\//);
  });

  test("nginx gets the shipped config files, and the TLS folder is git-ignored", () => {
    for (const volume of nginx.volumes as string[]) {
      const [source] = volume.split(":");
      if (source.endsWith("/tls"))
        expect(read(".gitignore")).toContain(source.replace(/^\.\//, ""));
      else expect(existsSync(join(REPO_ROOT, source)), source).toBe(true);
    }
  });

  test("every variable set for the service is documented in the README", () => {
    const names = [...Object.keys(service.environment), ...Object.keys(finalEnv)];
    expect(names.filter((n) => n !== "NODE_ENV" && !documented.has(n))).toEqual([]);
  });
});

describe("nginx config", () => {
  const proxy = read("deploy/nginx/pd-mcp-proxy.conf");
  const main = read("deploy/compose/nginx.conf");

  test("a POST that reached a replica is never sent to another (no write repeated)", () => {
    const next = /^\s*proxy_next_upstream\s+([^;]+);/m.exec(proxy)?.[1].split(/\s+/);
    expect(next).toEqual(["error", "timeout"]);
    // No keep-alive to replicas: no cached connection to one that is going away.
    expect(main).not.toMatch(/^\s*keepalive\s/m);
  });

  test("logs never hold the URL, whose path is the server's secret token", () => {
    const formats = [...main.matchAll(/log_format\s+\w+\s+((?:'[^']*'\s*)+);/g)].map((m) => m[1]);
    expect(formats.length).toBeGreaterThan(0);
    for (const f of formats)
      expect(f).not.toMatch(/\$(request|request_uri|uri|args|query_string)\b/);
    expect(main).not.toMatch(/access_log\s+[^;]*(?<!pd_mcp|off);/);
    expect(/^error_log\s+\S+\s+(\w+);/m.exec(main)?.[1]).toBe("crit");
  });

  const NGINX = findNginx();
  test.skipIf(!NGINX)(
    "nginx -t accepts the compose config with the shared proxy include",
    async () => {
      const dir = await mkdtemp(join(tmpdir(), "pd-mcp-nginx-t-"));
      try {
        execFileSync(
          "openssl",
          [
            "req",
            "-x509",
            "-newkey",
            "rsa:2048",
            "-nodes",
            "-days",
            "1",
            "-subj",
            "/CN=localhost",
            "-keyout",
            join(dir, "privkey.pem"),
            "-out",
            join(dir, "fullchain.pem"),
          ],
          { stdio: "ignore" },
        );
        // Paths of the nginx image, and the compose service name, pointed at this machine.
        const conf = main
          .replaceAll(
            "/etc/nginx/pd-mcp-proxy.conf",
            join(REPO_ROOT, "deploy/nginx/pd-mcp-proxy.conf"),
          )
          .replaceAll("/etc/nginx/tls", dir)
          .replaceAll("pd-mcp:3000", "127.0.0.1:3000")
          .replace("pid /tmp/nginx.pid", `pid ${join(dir, "nginx.pid")}`)
          // Here stdout and stderr may be sockets, which nginx cannot open by path.
          .replaceAll("/dev/stdout", join(dir, "access.log"))
          .replaceAll("/dev/stderr", join(dir, "error.log"));
        await writeFile(join(dir, "nginx.conf"), conf);
        const out = execFileSync(NGINX!, ["-t", "-p", dir, "-c", join(dir, "nginx.conf")], {
          encoding: "utf8",
          stdio: ["ignore", "pipe", "pipe"],
        });
        expect(out).toBe("");
      } finally {
        await rm(dir, { recursive: true, force: true });
      }
    },
  );
});

describe("Kubernetes manifests", () => {
  test("every manifest has apiVersion, kind and a name; kustomization lists files that exist", () => {
    for (const { file, doc } of k8s) {
      expect(doc.apiVersion, file).toBeTruthy();
      expect(doc.kind, file).toBeTruthy();
      if (doc.kind !== "Kustomization") expect(doc.metadata?.name, file).toBeTruthy();
    }
    const kustomization = kind("Kustomization")[0];
    for (const r of kustomization.resources)
      expect(existsSync(join(REPO_ROOT, "deploy/k8s", r)), r).toBe(true);
    expect(kustomization.resources).not.toContain("secret.example.yaml");
  });

  test("the Deployment runs the compose image on the Dockerfile's port, probed on /healthz", () => {
    expect(container.image).toBe(compose.services["pd-mcp"].image);
    const http = container.ports.find((p: { name: string }) => p.name === "http");
    expect(String(http.containerPort)).toBe(finalEnv.PORT);
    const env = Object.fromEntries(
      container.env.map((e: { name: string; value?: string }) => [e.name, e.value]),
    );
    expect(env.PORT).toBe(finalEnv.PORT);
    expect(env.HOST).toBe("0.0.0.0");
    for (const probe of ["readinessProbe", "livenessProbe", "startupProbe"]) {
      expect(container[probe]?.httpGet, probe).toMatchObject({ path: "/healthz", port: "http" });
      expect(container[probe].httpGet.httpHeaders).toEqual([{ name: "Host", value: "localhost" }]);
    }
    expect(deployment.spec.selector.matchLabels).toEqual(
      expect.objectContaining(deployment.spec.template.metadata.labels),
    );
    expect(deployment.spec.strategy.rollingUpdate.maxUnavailable).toBe(0);
    expect(pod.terminationGracePeriodSeconds).toBeGreaterThan(10);
    // STATE_DIR (write budgets) is one volume every replica writes.
    const stateMount = container.volumeMounts.find((m: any) => m.mountPath === env.STATE_DIR);
    const stateVolume = pod.volumes.find((v: any) => v.name === stateMount.name);
    const claim = kind("PersistentVolumeClaim").find(
      (c) => c.metadata.name === stateVolume.persistentVolumeClaim.claimName,
    )!;
    expect(claim.spec.accessModes).toEqual(["ReadWriteMany"]);
    expect(container.securityContext.allowPrivilegeEscalation).toBe(false);
  });

  test("no secret inline: credentials come from Secrets, whose example holds no value", () => {
    for (const e of container.env as Array<{ name: string; value?: string; valueFrom?: any }>) {
      if (SECRET_NAME.test(e.name)) {
        expect(e.value, e.name).toBeUndefined();
        expect(e.valueFrom?.secretKeyRef?.name, e.name).toBeTruthy();
      }
    }
    const secrets = kind("Secret");
    expect(secrets.length).toBeGreaterThan(0);
    for (const s of secrets) {
      expect(s.data).toBeUndefined();
      for (const value of Object.values(s.stringData ?? {})) expect(value).toBe("");
    }
    // Every secret the pod reads is described in secret.example.yaml with that key.
    const refs = [
      ...container.env
        .filter((e: any) => e.valueFrom?.secretKeyRef)
        .map((e: any) => e.valueFrom.secretKeyRef),
      ...pod.volumes.filter((v: any) => v.secret).map((v: any) => ({ name: v.secret.secretName })),
    ];
    for (const ref of refs) {
      const secret = secrets.find((s) => s.metadata.name === ref.name);
      expect(secret, ref.name).toBeDefined();
      if (ref.key) expect(Object.keys(secret!.stringData)).toContain(ref.key);
    }
    for (const { doc } of k8s.filter((m) => m.doc.kind === "ConfigMap"))
      expect(Object.keys(doc.data).filter((k) => SECRET_NAME.test(k))).toEqual([]);
  });

  test("servers.d comes from a ConfigMap of valid server files, mounted where SERVERS_DIR points", () => {
    const env = Object.fromEntries(
      container.env.map((e: { name: string; value?: string }) => [e.name, e.value]),
    );
    const mount = container.volumeMounts.find(
      (m: { mountPath: string }) => m.mountPath === env.SERVERS_DIR,
    );
    const volume = pod.volumes.find((v: { name: string }) => v.name === mount.name);
    const servers = kind("ConfigMap").find((c) => c.metadata.name === volume.configMap.name)!;
    expect(Object.keys(servers.data).length).toBeGreaterThan(0);
    for (const [file, text] of Object.entries(servers.data as Record<string, string>)) {
      const doc = JSON.parse(text);
      expect(validateStructure("server", doc), file).toEqual([]);
      expect(file).toBe(`${doc.name}.json`);
      const { $schema: _, ...shipped } = JSON.parse(read(`servers.d/${file}`));
      expect(doc, `${file} matches servers.d/${file}`).toEqual(shipped);
    }
  });

  test("configuration maps only set documented variables", () => {
    const config = kind("ConfigMap").find(
      (c) => c.metadata.name === container.envFrom[0].configMapRef.name,
    )!;
    const names = [
      ...Object.keys(config.data),
      ...container.env.map((e: { name: string }) => e.name),
    ];
    expect(names.filter((n) => !documented.has(n))).toEqual([]);
    expect(config.data.PUBLIC_URL).toMatch(/^https:\/\//);
    expect(String(config.data.METRICS_PORT)).toBe(
      String(container.ports.find((p: { name: string }) => p.name === "metrics").containerPort),
    );
  });

  test("Service, PodDisruptionBudget and HorizontalPodAutoscaler point at the Deployment's pods", () => {
    const labels = deployment.spec.template.metadata.labels;
    const [service] = kind("Service");
    expect(labels).toEqual(expect.objectContaining(service.spec.selector));
    const portNames = container.ports.map((p: { name: string }) => p.name);
    for (const p of service.spec.ports) expect(portNames).toContain(p.targetPort);
    expect(service.spec.ports.map((p: { targetPort: string }) => p.targetPort)).not.toContain(
      "metrics",
    );

    const [pdb] = kind("PodDisruptionBudget");
    expect(labels).toEqual(expect.objectContaining(pdb.spec.selector.matchLabels));
    expect(pdb.spec.minAvailable).toBeLessThan(deployment.spec.replicas);

    const [hpa] = kind("HorizontalPodAutoscaler");
    expect(hpa.spec.scaleTargetRef).toEqual({
      apiVersion: "apps/v1",
      kind: "Deployment",
      name: deployment.metadata.name,
    });
    expect(hpa.spec.minReplicas).toBeGreaterThan(pdb.spec.minAvailable);
    expect(hpa.spec.maxReplicas).toBeGreaterThanOrEqual(hpa.spec.minReplicas);
    expect(container.resources.requests.cpu).toBeTruthy();
  });
});

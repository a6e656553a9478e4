/** Plural words whose singular the suffix rules get wrong. */
const IRREGULAR_SINGULARS: Record<string, string> = {
  data: "data",
  analytics: "analytics",
  metrics: "metric",
  status: "status",
  credentials: "credential",
  addons: "addon",
  aliases: "alias",
  responses: "response",
  licenses: "license",
  services: "service",
  business_services: "business_service",
};

/** English singular of a snake_case plural (only its last word changes). */
export function singular(word: string): string {
  if (IRREGULAR_SINGULARS[word]) return IRREGULAR_SINGULARS[word];
  const parts = word.split("_");
  const last = parts.pop()!;
  return [...parts, singularWord(last)].join("_");
}

function singularWord(w: string): string {
  if (IRREGULAR_SINGULARS[w]) return IRREGULAR_SINGULARS[w];
  if (w.endsWith("ies") && w.length > 4) return `${w.slice(0, -3)}y`;
  if (/(ss|us|sh|ch|x)es$/.test(w)) return w.slice(0, -2);
  if (w.endsWith("ss") || w.endsWith("us") || w.endsWith("is")) return w;
  if (w.endsWith("s")) return w.slice(0, -1);
  return w;
}

/** English plural of a snake_case singular (only its last word changes). */
export function plural(word: string): string {
  const parts = word.split("_");
  const last = parts.pop()!;
  return [...parts, pluralWord(last)].join("_");
}

function pluralWord(w: string): string {
  if (w === "data" || w === "analytics") return w;
  if (/[^aeiou]y$/.test(w)) return `${w.slice(0, -1)}ies`;
  if (/(s|sh|ch|x)$/.test(w)) return `${w}es`;
  return `${w}s`;
}

/** Joins name parts with _, dropping a word repeated at a seam (custom_field + field_option). */
export function joinWords(parts: string[]): string {
  const words: string[] = [];
  for (const part of parts) {
    const next = part.split("_").filter(Boolean);
    if (words.length > 0 && next[0] === words[words.length - 1]) next.shift();
    words.push(...next);
  }
  return words.join("_");
}

/** "incident_workflow_trigger" -> "incident workflow trigger". */
export function humanize(name: string): string {
  return name
    .replace(/_/g, " ")
    .replace(/\bv3\b/g, "v3")
    .trim();
}

/** Capitalizes the first letter. */
export function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** "a" or "an" for a following word. */
export function article(word: string): string {
  return /^[aeiou]/i.test(word) ? "an" : "a";
}

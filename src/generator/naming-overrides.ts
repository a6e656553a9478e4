/**
 * The few names the rule cannot make well, chosen by hand. Everything else is named by the rule
 * in resource-plan.ts. Keep this table short: a clear rule beats a long list.
 */

/** One operation named by hand. */
export interface NamingOverride {
  /** Singular resource name (the generated file is <plural>.json). */
  name: string;
  /** Plural resource name; default the English plural of name. */
  plural?: string;
  key: string;
  toolName?: string;
}

/**
 * Path prefixes whose resource name the rule would make too long or unclear: the prefix's
 * segments are replaced by one singular stem (later segments still add words).
 */
export const PATH_STEMS: Array<[prefix: string, stem: string]> = [
  ["/event_orchestrations/services/{service_id}/cache_variables", "service_cache_variable"],
  ["/event_orchestrations/{id}/cache_variables", "orchestration_cache_variable"],
  ["/enrichment/integrations/servicenow/credentials", "servicenow_credential"],
  ["/enrichment/integrations/servicenow", "servicenow_integration"],
  ["/enrichment/event_enrichments", "event_enrichment"],
  ["/recommendations/event_orchestrations/services/{service_id}/accepted_rules", "accepted_rule"],
  ["/recommendations/event_orchestrations/services/{service_id}/rules", "recommended_rule"],
  ["/recommendations/event_orchestrations/rules", "recommended_rule"],
  ["/users/{id}/oncall_handoff_notification_rules", "user_handoff_notification_rule"],
  ["/service_dependencies/business_services", "business_service_dependency"],
  ["/service_dependencies/technical_services", "technical_service_dependency"],
  ["/analytics/raw/incidents", "incident_analytics"],
  ["/analytics/raw/responders/{responder_id}/incidents", "responder_incident_analytics"],
  ["/analytics/raw/users", "user_analytics"],
  ["/automation_actions/actions", "automation_action"],
];

/** Analytics metrics: POST queries that answer lists of aggregated rows. */
const metric = (name: string, plural = `${name.replace(/_metric/, "_metrics")}`) => ({
  name,
  plural,
  key: "list",
});

/** Operations named by hand, by operationId. */
export const NAMING_OVERRIDES: Record<string, NamingOverride> = {
  getAnalyticsMetricsIncidentsAll: metric("incident_metric"),
  getAnalyticsMetricsIncidentsEscalationPolicy: metric("incident_metric_by_escalation_policy"),
  getAnalyticsMetricsIncidentsEscalationPolicyAll: metric(
    "incident_metric_all_escalation_policies",
  ),
  getAnalyticsMetricsIncidentsService: metric("incident_metric_by_service"),
  getAnalyticsMetricsIncidentsServiceAll: metric("incident_metric_all_services"),
  getAnalyticsMetricsIncidentsTeam: metric("incident_metric_by_team"),
  getAnalyticsMetricsIncidentsTeamAll: metric("incident_metric_all_teams"),
  getAnalyticsMetricsPdAdvanceUsageFeatures: metric("advance_usage_feature_metric"),
  getAnalyticsMetricsRespondersAll: metric("responder_metric"),
  getAnalyticsMetricsRespondersTeam: metric("responder_metric_by_team"),
  getAnalyticsMetricsUsersAll: metric("user_metric"),
  getAnalyticsIncidents: { name: "incident_analytics", plural: "incident_analytics", key: "list" },
  getAnalyticsIncidentsById: {
    name: "incident_analytics",
    plural: "incident_analytics",
    key: "get",
  },
  getAnalyticsIncidentResponsesById: {
    name: "incident_analytics_response",
    key: "list",
  },
  getAnalyticsResponderIncidents: {
    name: "responder_incident_analytics",
    plural: "responder_incident_analytics",
    key: "list",
  },
  getAnalyticsUsers: { name: "user_analytics", plural: "user_analytics", key: "list" },
  getEntityTypeByIdTags: { name: "entity_tag", key: "list" },
  createEntityTypeByIdChangeTags: {
    name: "entity_tag",
    key: "change",
    toolName: "change_pager_duty_entity_tags",
  },
  getTagsByEntityType: { name: "tagged_entity", plural: "tagged_entities", key: "list" },
  removeBusinessServiceNotificationSubscriber: {
    name: "business_service_subscriber",
    key: "unsubscribe",
  },
  removeIncidentNotificationSubscribers: {
    name: "incident_status_update_subscriber",
    key: "unsubscribe",
  },
  updateIncidents: {
    name: "incident",
    key: "update_many",
    toolName: "update_many_pager_duty_incidents",
  },
  updateIncidentAlerts: {
    name: "incident_alert",
    key: "update_many",
    toolName: "update_many_pager_duty_incident_alerts",
  },
  listResourceStandardsManyServices: { name: "standard_score", key: "list" },
  deleteUserSessions: {
    name: "user_session",
    key: "delete_all",
    toolName: "delete_all_pager_duty_user_sessions",
  },
  listWorkflowIntegrationConnectionsByIntegration: {
    name: "connection_of_workflow_integration",
    plural: "connections_of_workflow_integration",
    key: "list",
  },
  queryEnrichmentData: {
    name: "enrichment_data",
    plural: "enrichment_data",
    key: "query",
    toolName: "query_pager_duty_enrichment_data",
  },
  uploadEnrichmentCsv: {
    name: "enrichment_schema_record",
    key: "upload",
    toolName: "upload_pager_duty_enrichment_schema_records_csv",
  },
};

/**
 * How each kind of alarm decides, as plain data (`alarms.ts` registers exactly these): when an event is reported,
 * and whether silence (no data at all) counts as trouble. Missing data is "not breaching" only where silence is
 * normal; where silence means the audit has gone blind it is "breaching".
 */

/**
 * A detector's alarm: any match in a 5-minute period alarms; a period without one returns it to OK. Silence is normal
 * here (nothing happened); that the detector could not have seen anything is what the heartbeat and liveness alarms
 * report.
 */
export const ALARM_RULE = {
  statistic: "Sum",
  period: 300,
  evaluationPeriods: 1,
  threshold: 1,
  comparisonOperator: "GreaterThanOrEqualToThreshold",
  treatMissingData: "notBreaching",
  actionsEnabled: true,
} as const;

/**
 * A liveness alarm on a detector whose filter emits 0 for every event it does not match (`defaultValue`): its metric
 * then has a data point for every event the log group receives. No data point for an hour means the filter is gone
 * (deleted or renamed) or no event arrives; missing data is breaching.
 */
export const LIVENESS_RULE = {
  statistic: "SampleCount",
  period: 3600,
  evaluationPeriods: 1,
  threshold: 1,
  comparisonOperator: "LessThanThreshold",
  treatMissingData: "breaching",
  actionsEnabled: true,
} as const;
/** What a liveness detector's filter emits for an event it does not match. */
export const LIVENESS_DEFAULT_VALUE = 0;

/**
 * The heartbeat: the trail's log group must receive at least one event an hour (`IncomingLogEvents`, namespace
 * `AWS/Logs`, dimension `LogGroupName`). A stopped trail, a broken delivery role or key policy, a deleted or re-pointed
 * log group all end in the same silence; missing data is breaching, so the silence alarms. The floor is one event an
 * hour: a multi-region trail of an account in use records far more, so only a pipeline that delivers nothing alarms
 * (an account idle for a whole hour would alarm too; that is the price of never mistaking blindness for quiet).
 */
export const HEARTBEAT_RULE = {
  namespace: "AWS/Logs",
  metricName: "IncomingLogEvents",
  statistic: "Sum",
  period: 3600,
  evaluationPeriods: 1,
  threshold: 1,
  comparisonOperator: "LessThanThreshold",
  treatMissingData: "breaching",
  actionsEnabled: true,
} as const;

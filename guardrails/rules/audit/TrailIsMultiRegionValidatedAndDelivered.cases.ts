import { mutate, view, type RuleCases } from "../../cases";

const trail = view(
  "aws:cloudtrail/trail:Trail",
  {
    s3BucketName: "trail-bucket",
    isMultiRegionTrail: true,
    includeGlobalServiceEvents: true,
    enableLogFileValidation: true,
    cloudWatchLogsGroupArn: "arn:aws:logs:eu-west-1:111122223333:log-group:trail-logs:*",
    cloudWatchLogsRoleArn: "arn:aws:iam::111122223333:role/trail-to-logs",
  },
  "trail",
);

export const cases: RuleCases = {
  noncompliant: [
    {
      name: "a single-region trail without validation, global events or CloudWatch Logs, logging off",
      resources: [
        view(
          "aws:cloudtrail/trail:Trail",
          { s3BucketName: "b", isMultiRegionTrail: false, includeGlobalServiceEvents: false, enableLogging: false },
          "trail",
        ),
      ],
      findings: [
        "aws:cloudtrail/trail:Trail trail: isMultiRegionTrail must be true",
        "aws:cloudtrail/trail:Trail trail: includeGlobalServiceEvents must not be false",
        "aws:cloudtrail/trail:Trail trail: enableLogFileValidation must be true",
        "aws:cloudtrail/trail:Trail trail: enableLogging must not be false",
        "aws:cloudtrail/trail:Trail trail: cloudWatchLogsGroupArn is not set; the trail must deliver to CloudWatch Logs",
        "aws:cloudtrail/trail:Trail trail: cloudWatchLogsRoleArn is not set; CloudTrail needs a role to write to CloudWatch Logs",
      ],
    },
    {
      name: "a log group ARN without the stream wildcard",
      resources: [
        mutate(trail, { cloudWatchLogsGroupArn: "arn:aws:logs:eu-west-1:111122223333:log-group:trail-logs" }),
      ],
      findings: [
        'aws:cloudtrail/trail:Trail trail: cloudWatchLogsGroupArn "arn:aws:logs:eu-west-1:111122223333:log-group:trail-logs" must end with ":*" (CloudTrail requires the log stream wildcard)',
      ],
    },
    {
      name: "a single-region trail",
      resources: [mutate(trail, { isMultiRegionTrail: false })],
      findings: ["aws:cloudtrail/trail:Trail trail: isMultiRegionTrail must be true"],
    },
  ],
  compliant: [
    { name: "the full configuration", resources: [trail] },
    { name: "logging left on explicitly", resources: [mutate(trail, { enableLogging: true })] },
  ],
};

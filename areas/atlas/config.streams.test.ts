/** Stream processing in config: persona and execution roles, stream users and connections. */
import { problemsOf, stackConfig } from "../../test/support/config";
import { ACCESSOR_HINT, stack, streams } from "./fixtures/config";

describe("stream processing", () => {
  it("accepts the documented camelCase names as aliases, and refuses an alias and its API name together", () => {
    const aliases = (c: Record<string, unknown>) =>
      streams(c).personaRoles[1]?.actions.splice(0, 2, "listStreamProcessors", "streamProcessorStats");
    expect(stackConfig("staging", aliases).streams?.personaRoles[1]?.actions).toEqual([
      "listStreamProcessors",
      "streamProcessorStats",
    ]);
    const cfg = stack("staging");
    aliases(cfg);
    streams(cfg).personaRoles[1]?.actions.push("STREAM_PROCESSOR_STATS");
    expect(problemsOf(cfg)).toEqual([
      'atlas-access:streams.personaRoles[1].actions[2]: got "STREAM_PROCESSOR_STATS"; duplicate of item [1]; each entry must appear once',
    ]);
  });

  it("rejects listStreamConnections: the newer docs name it, but the Admin API has no such action", () => {
    const cfg = stack("staging");
    streams(cfg).personaRoles[1]?.actions.push("listStreamConnections");
    expect(problemsOf(cfg)).toEqual([
      `atlas-access:streams.personaRoles[1].actions[2]: got "listStreamConnections"; is not a stream processor action of the Atlas Admin API; ${"accepted: PROCESS_STREAM_PROCESSOR, CREATE_STREAM_PROCESSOR, START_STREAM_PROCESSOR, STOP_STREAM_PROCESSOR, DROP_STREAM_PROCESSOR, LIST_STREAM_PROCESSORS, SAMPLE_STREAM_PROCESSOR, STREAM_PROCESSOR_STATS, LIST_CONNECTIONS, GET_STREAM_PROCESSOR, or a documented alias: processStreamProcessor, createStreamProcessor, startStreamProcessor, stopStreamProcessor, dropStreamProcessor, listStreamProcessors, sampleStreamProcessor, streamProcessorStats, listConnections, getStreamProcessor"}`,
    ]);
  });

  it("rejects a custom role action that is not on the documented list", () => {
    const cfg = stack("staging");
    streams(cfg).personaRoles[1]?.actions.push("killStreamProcessor");
    expect(problemsOf(cfg)).toEqual([
      'atlas-access:streams.personaRoles[1].actions[2]: got "killStreamProcessor"; is not a stream processor action of the Atlas Admin API; accepted: PROCESS_STREAM_PROCESSOR, CREATE_STREAM_PROCESSOR, START_STREAM_PROCESSOR, STOP_STREAM_PROCESSOR, DROP_STREAM_PROCESSOR, LIST_STREAM_PROCESSORS, SAMPLE_STREAM_PROCESSOR, STREAM_PROCESSOR_STATS, LIST_CONNECTIONS, GET_STREAM_PROCESSOR, or a documented alias: processStreamProcessor, createStreamProcessor, startStreamProcessor, stopStreamProcessor, dropStreamProcessor, listStreamProcessors, sampleStreamProcessor, streamProcessorStats, listConnections, getStreamProcessor',
    ]);
  });

  it("rejects a broad data action in a persona role (only stream processor actions)", () => {
    const cfg = stack("staging");
    streams(cfg).personaRoles[0]?.actions.splice(0, 1, "FIND");
    expect(problemsOf(cfg)[0]).toBe(
      'atlas-access:streams.personaRoles[0].actions[0]: got "FIND"; is not a stream processor action of the Atlas Admin API; accepted: PROCESS_STREAM_PROCESSOR, CREATE_STREAM_PROCESSOR, START_STREAM_PROCESSOR, STOP_STREAM_PROCESSOR, DROP_STREAM_PROCESSOR, LIST_STREAM_PROCESSORS, SAMPLE_STREAM_PROCESSOR, STREAM_PROCESSOR_STATS, LIST_CONNECTIONS, GET_STREAM_PROCESSOR, or a documented alias: processStreamProcessor, createStreamProcessor, startStreamProcessor, stopStreamProcessor, dropStreamProcessor, listStreamProcessors, sampleStreamProcessor, streamProcessorStats, listConnections, getStreamProcessor',
    );
  });

  it("rejects a custom role named like a built-in role", () => {
    const cfg = stack("staging");
    const role = streams(cfg).personaRoles[1];
    if (role) role.name = "atlasAdmin";
    const s = streams(cfg);
    if (s.users[1]) s.users[1].role = "atlasAdmin";
    expect(problemsOf(cfg)).toEqual([
      'atlas-access:streams.personaRoles[1].name: got "atlasAdmin"; must not reuse a built-in role name or the reserved xgen- prefix',
    ]);
  });

  it.each([
    [
      "atlasAdmin",
      "BUILT_IN",
      'atlas-access:streams.connections[0].executeAs.role: got "atlasAdmin"; is too broad to execute as (it administers every database and user of the project); use type CUSTOM with a role of streams.executionRoles',
    ],
    [
      "readWriteAnyDatabase",
      "BUILT_IN",
      'atlas-access:streams.connections[0].executeAs.role: got "readWriteAnyDatabase"; is too broad to execute as (every *AnyDatabase role reaches every database of the cluster); use type CUSTOM with a role of streams.executionRoles',
    ],
    [
      "readAnyDatabase",
      "CUSTOM",
      'atlas-access:streams.connections[0].executeAs.role: got "readAnyDatabase"; is too broad to execute as (every *AnyDatabase role reaches every database of the cluster); use type CUSTOM with a role of streams.executionRoles',
    ],
    [
      "read",
      "BUILT_IN",
      'atlas-access:streams.connections[0].executeAs.type: got "BUILT_IN"; every built-in execute-as role (atlasAdmin, readWriteAnyDatabase, readAnyDatabase) reaches every database; use type CUSTOM with a role of streams.executionRoles',
    ],
    [
      "syrf-staging-stream-operator",
      "CUSTOM",
      'atlas-access:streams.connections[0].executeAs.role: got "syrf-staging-stream-operator"; is not a role of streams.executionRoles (syrf-staging-stream-exec)',
    ],
  ])("rejects the execute-as role %s (%s)", (role, type, message) => {
    const cfg = stack("staging");
    const c = streams(cfg).connections[0];
    if (c) c.executeAs = { role, type };
    expect(problemsOf(cfg)).toEqual([message]);
  });

  it("rejects an execution role with an administrative action", () => {
    const cfg = stack("staging");
    streams(cfg).executionRoles[0]?.actions.push("DROP_DATABASE");
    expect(problemsOf(cfg)).toEqual([
      'atlas-access:streams.executionRoles[0].actions[4]: got "DROP_DATABASE"; must be one of: FIND, INSERT, UPDATE, REMOVE, CHANGE_STREAM, LIST_COLLECTIONS, LIST_INDEXES, COLL_STATS',
    ]);
  });

  it("rejects a stream user with missing scopes (workspaces)", () => {
    const cfg = stack("staging");
    delete streams(cfg).users[0]?.workspaces;
    expect(problemsOf(cfg)).toEqual(["atlas-access:streams.users[0].workspaces: required but missing; expected array"]);
  });

  it("rejects a stream user with no workspace, saying why", () => {
    const cfg = stack("staging");
    const u = streams(cfg).users[0];
    if (u) u.workspaces = [];
    expect(problemsOf(cfg)).toEqual([
      "atlas-access:streams.users[0].workspaces: got []; must name at least one workspace: a user without scopes reaches every workspace and cluster of the project",
    ]);
  });

  it("rejects a stream user scoped to an undeclared workspace", () => {
    const cfg = stack("staging");
    const u = streams(cfg).users[0];
    if (u) u.workspaces = ["prod-streams"];
    expect(problemsOf(cfg)).toEqual([
      'atlas-access:streams.users[0].workspaces[0]: got "prod-streams"; is not a workspace of streams.workspaces (syrf-staging-streams)',
    ]);
  });

  it("rejects a stream user whose role is not a persona role", () => {
    const cfg = stack("staging");
    const u = streams(cfg).users[0];
    if (u) u.role = "syrf-staging-stream-exec";
    expect(problemsOf(cfg)).toEqual([
      'atlas-access:streams.users[0].role: got "syrf-staging-stream-exec"; is not a role of streams.personaRoles (syrf-staging-stream-operator, syrf-staging-stream-viewer)',
    ]);
  });

  it("rejects a stream user's bad secret accessor", () => {
    const cfg = stack("staging");
    const u = streams(cfg).users[0];
    if (u) u.secretAccessor = "allAuthenticatedUsers";
    expect(problemsOf(cfg)).toEqual([
      `atlas-access:streams.users[0].secretAccessor: got "allAuthenticatedUsers"; ${ACCESSOR_HINT}`,
    ]);
  });

  it("rejects a connection to a cluster outside the project", () => {
    const cfg = stack("staging");
    const c = streams(cfg).connections[0];
    if (c) c.cluster = "elsewhere";
    expect(problemsOf(cfg)).toEqual([
      'atlas-access:streams.connections[0].cluster: got "elsewhere"; is not a cluster of atlas.clusters (syrf-shared)',
    ]);
  });
});

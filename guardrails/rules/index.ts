import type { Rule } from "../types";
import { DatabaseUserHasScopes } from "./atlas/DatabaseUserHasScopes";
import { NoAccessListOpenToInternet } from "./atlas/NoAccessListOpenToInternet";
import { NoForbiddenBuiltInRole } from "./atlas/NoForbiddenBuiltInRole";
import { NoRoleOnSystemDatabases } from "./atlas/NoRoleOnSystemDatabases";
import { OperatorCredentialHasExactRoles } from "./atlas/OperatorCredentialHasExactRoles";
import { RequestAcceptedByAdminApi } from "./atlas/RequestAcceptedByAdminApi";
import { StreamConnectionExecutesAsCustomRole } from "./atlas/StreamConnectionExecutesAsCustomRole";
import { ConnectionRoleHasAlarms } from "./audit/ConnectionRoleHasAlarms";
import { DetectorSetComplete } from "./audit/DetectorSetComplete";
import { TrailIsMultiRegionValidatedAndDelivered } from "./audit/TrailIsMultiRegionValidatedAndDelivered";
import { NoPrimitiveRole } from "./gcp/NoPrimitiveRole";
import { NoPublicMember } from "./gcp/NoPublicMember";
import { SecretAccessOnlyPerSecret } from "./gcp/SecretAccessOnlyPerSecret";
import { ConnectionRoleHasNoPermissionPolicy } from "./iam/ConnectionRoleHasNoPermissionPolicy";
import { NoWildcardActionOrResource } from "./iam/NoWildcardActionOrResource";
import { NoWildcardOrRootPrincipal } from "./iam/NoWildcardOrRootPrincipal";
import { TrustsNoOtherEnvironment } from "./iam/TrustsNoOtherEnvironment";
import { TrustsOnlyExactRoleArns } from "./iam/TrustsOnlyExactRoleArns";
import { AdmissionPoliciesDeny } from "./kubernetes/AdmissionPoliciesDeny";
import { NoClusterAdminBinding } from "./kubernetes/NoClusterAdminBinding";
import { OperatorWatchesExactNamespaces } from "./kubernetes/OperatorWatchesExactNamespaces";

/**
 * The rulebook: every rule, in rulebook order (by area, then by id). Findings, policies and RULES.md follow this
 * order. Each rule lives in `<area>/<WhatItChecks>.ts`, its cases beside it in `<WhatItChecks>.cases.ts`.
 */
export const rules: readonly Rule[] = [
  NoWildcardOrRootPrincipal, // IAM-001
  NoWildcardActionOrResource, // IAM-002
  ConnectionRoleHasNoPermissionPolicy, // IAM-003
  TrustsOnlyExactRoleArns, // IAM-004
  TrustsNoOtherEnvironment, // IAM-005
  NoForbiddenBuiltInRole, // ATLAS-001
  NoRoleOnSystemDatabases, // ATLAS-002
  DatabaseUserHasScopes, // ATLAS-003
  OperatorCredentialHasExactRoles, // ATLAS-004
  NoAccessListOpenToInternet, // ATLAS-005
  StreamConnectionExecutesAsCustomRole, // ATLAS-006
  RequestAcceptedByAdminApi, // ATLAS-007
  NoPrimitiveRole, // GCP-001
  SecretAccessOnlyPerSecret, // GCP-002
  NoPublicMember, // GCP-003
  OperatorWatchesExactNamespaces, // K8S-001
  NoClusterAdminBinding, // K8S-002
  AdmissionPoliciesDeny, // K8S-003
  TrailIsMultiRegionValidatedAndDelivered, // AUDIT-001
  ConnectionRoleHasAlarms, // AUDIT-002
  DetectorSetComplete, // AUDIT-003
];

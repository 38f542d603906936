import { z, type ZodType } from 'zod';
import {
  adminActing,
  adminHoliday,
  adminOrg,
  adminOutsideBody,
  adminPosition,
  adminUnit,
  adminUser,
  holidayList,
  outsideBodyList,
  userPermissions,
} from '../admin/schema';
import { loginAnswer, signedInUser, signInOptions } from '../auth/schema';
import { circularGroups, circularListItem, circularPage, circularRegistration } from '../circulars/schema';
import { rolloutDashboard, stageFigures, stagesDashboard } from '../dashboard/schema';
import { directoryEntry, directoryList } from '../directory/schema';
import {
  documentDetail,
  documentNumber,
  incomingRegistration,
  pdfVerification,
  personRef,
  receipt,
  receiptStamp,
} from '../documents/schema';
import {
  documentEnded,
  draftCreated,
  draftRevised,
  draftSubmitted,
  versionDetail,
  versionList,
} from '../documents/outgoing-schema';
import { healthAnswer } from '../health/schema';
import { inboxItem, inboxPage } from '../inbox/schema';
import { heldMailAccepted, heldMailItem, heldMailPage } from '../mail/schema';
import { registerPage, registerRow } from '../registers/schema';
import { rolloutDecision } from '../rollout/schema';
import { searchHit, searchPage } from '../search/schema';
import { overdueItem, overduePage } from '../supervisor/schema';
import { bulkTaskActionAnswer, reassignAnswer, taskActionAnswer } from '../tasks/schema';
import { unitList, unitUsers } from '../units/schema';

/**
 * The answers' schemas by the name the OpenAPI document gives them (`#/components/schemas/<name>`), which is also
 * the name of the type the web client gets from them. A schema used inside another is published once, by reference.
 * Names are a contract for the client: add, do not rename.
 */
const COMPONENTS: Record<string, ZodType> = {
  PersonRef: personRef,
  Receipt: receipt,
  DocumentNumber: documentNumber,
  ReceiptStamp: receiptStamp,
  SignedInUser: signedInUser,
  LoginAnswer: loginAnswer,
  SignInOptions: signInOptions,
  AdminUnit: adminUnit,
  AdminPosition: adminPosition,
  AdminUser: adminUser,
  AdminActing: adminActing,
  AdminOrg: adminOrg,
  UserPermissions: userPermissions,
  AdminHoliday: adminHoliday,
  HolidayList: holidayList,
  AdminOutsideBody: adminOutsideBody,
  OutsideBodyList: outsideBodyList,
  IncomingRegistration: incomingRegistration,
  DocumentDetail: documentDetail,
  PdfVerification: pdfVerification,
  DraftCreated: draftCreated,
  DraftRevised: draftRevised,
  DraftSubmitted: draftSubmitted,
  DocumentEnded: documentEnded,
  VersionList: versionList,
  VersionDetail: versionDetail,
  SearchHit: searchHit,
  SearchPage: searchPage,
  CircularRegistration: circularRegistration,
  CircularListItem: circularListItem,
  CircularPage: circularPage,
  CircularGroups: circularGroups,
  DirectoryEntry: directoryEntry,
  DirectoryList: directoryList,
  HeldMailItem: heldMailItem,
  HeldMailPage: heldMailPage,
  HeldMailAccepted: heldMailAccepted,
  RegisterRow: registerRow,
  RegisterPage: registerPage,
  InboxItem: inboxItem,
  InboxPage: inboxPage,
  TaskActionAnswer: taskActionAnswer,
  ReassignAnswer: reassignAnswer,
  BulkTaskActionAnswer: bulkTaskActionAnswer,
  OverdueItem: overdueItem,
  OverduePage: overduePage,
  UnitList: unitList,
  UnitUsers: unitUsers,
  RolloutDashboard: rolloutDashboard,
  StageFigures: stageFigures,
  StagesDashboard: stagesDashboard,
  RolloutDecision: rolloutDecision,
  Health: healthAnswer,
};

/** The registry the document is built from: each schema above under its name. */
export const ANSWER_REGISTRY = z.registry<{ id: string }>();
for (const [id, schema] of Object.entries(COMPONENTS)) ANSWER_REGISTRY.add(schema, { id });

/** The name an answer's schema is published under; every answer must have one (so the client gets a named type). */
export function componentName(schema: ZodType, key: string): string {
  const id = ANSWER_REGISTRY.get(schema)?.id;
  if (!id) throw new Error(`${key}: its answer schema is not named in api/openapi/components.ts`);
  return id;
}

/** Every named answer schema as JSON Schema 2020-12, referring to each other through `#/components/schemas/…`. */
export function answerComponents(): Record<string, unknown> {
  const { schemas } = z.toJSONSchema(ANSWER_REGISTRY, {
    io: 'output',
    target: 'draft-2020-12',
    unrepresentable: 'any',
    uri: (id) => `#/components/schemas/${id}`,
  });
  for (const schema of Object.values(schemas)) delete (schema as { $schema?: string }).$schema;
  return schemas;
}

import { ActingAppointmentEntity, OversightEntity, PositionEntity, UnitEntity } from './org';
import { AuditEntryEntity, AuditHeadEntity, IdempotencyKeyEntity } from './audit';
import { DocumentEntity, FileEntity } from './document';
import { CircularAcknowledgementEntity, DeliveryEntity, DocumentVersionEntity, OutboxEntity } from './outgoing';
import { MinuteEntity } from './minute';
import { CounterEntity, RegisterEntryEntity } from './register';
import { TaskEntity } from './task';
import { SessionEntity, UserEntity } from './user';

export * from './org';
export * from './audit';
export * from './document';
export * from './outgoing';
export * from './minute';
export * from './register';
export * from './task';
export * from './user';

/** Every entity, for the one DataSource. */
export const entities = [
  UnitEntity,
  PositionEntity,
  OversightEntity,
  ActingAppointmentEntity,
  UserEntity,
  SessionEntity,
  DocumentEntity,
  FileEntity,
  MinuteEntity,
  CounterEntity,
  RegisterEntryEntity,
  DocumentVersionEntity,
  DeliveryEntity,
  OutboxEntity,
  CircularAcknowledgementEntity,
  TaskEntity,
  AuditEntryEntity,
  AuditHeadEntity,
  IdempotencyKeyEntity,
];

import { Column, Entity, Index, PrimaryColumn, PrimaryGeneratedColumn } from 'typeorm';

/** One version of an outgoing draft: every revision is kept, numbered from 1 (the first draft). */
@Entity({ name: 'document_versions' })
@Index('uq_document_versions', ['documentId', 'version'], { unique: true })
export class DocumentVersionEntity {
  @PrimaryGeneratedColumn() id!: number;
  @Column({ name: 'document_id', type: 'varchar', length: 36 }) documentId!: string;
  @Column({ type: 'int' }) version!: number;
  @Column({ type: 'varchar', length: 32 }) kind!: string;
  @Column({ type: 'varchar', length: 500 }) subject!: string;
  @Column({ type: 'varchar', length: 16 }) urgency!: string;
  @Column({ type: 'varchar', length: 16 }) secrecy!: string;
  @Column({ type: 'varchar', length: 32 }) category!: string;
  /** "ด่วนภายใน": the hard deadline the author set, ISO text. */
  @Column({ name: 'within_at', type: 'varchar', length: 40, nullable: true }) withinAt!: string | null;
  /** The recipients as the author gave them: unit ids and `{ name, email }` of outside bodies (JSON). */
  @Column({ type: 'simple-json' }) recipients!: unknown[];
  @Column({ type: 'simple-json', nullable: true }) body!: Record<string, unknown> | null;
  @Column({ type: 'simple-json', nullable: true }) attachments!: unknown[] | null;
  @Column({ name: 'created_by', type: 'varchar', length: 36 }) createdBy!: string;
  @Column({ name: 'created_at', type: 'datetime', precision: 3 }) createdAt!: Date;
}

/**
 * One recipient of a dispatched document and how it went: `electronic` (the recipient unit's incoming life was
 * started, `incomingDocumentId`), `email` (a row in `outbox`), `internal` (the sender's own unit) or `paper` (with
 * the rollout policy's reason).
 */
@Entity({ name: 'deliveries' })
@Index('uq_deliveries_recipient', ['documentId', 'recipientKey'], { unique: true })
export class DeliveryEntity {
  @PrimaryGeneratedColumn() id!: number;
  @Column({ name: 'document_id', type: 'varchar', length: 36 }) documentId!: string;
  @Column({ type: 'int' }) seq!: number;
  /** `unit:<unitId>` or `email:<address>`: one delivery per recipient, however often the activity runs. */
  @Column({ name: 'recipient_key', type: 'varchar', length: 300 }) recipientKey!: string;
  @Column({ name: 'unit_id', type: 'varchar', length: 64, nullable: true }) unitId!: string | null;
  @Column({ type: 'varchar', length: 300 }) name!: string;
  @Column({ type: 'varchar', length: 255, nullable: true }) email!: string | null;
  /** electronic | email | internal | paper */
  @Column({ type: 'varchar', length: 16 }) method!: string;
  /** pending | delivered | queued (e-mail waiting in the outbox) | paper | cancelled */
  @Column({ type: 'varchar', length: 16 }) status!: string;
  @Column({ name: 'paper_reason_code', type: 'varchar', length: 64, nullable: true }) paperReasonCode!: string | null;
  @Column({ name: 'paper_reason', type: 'varchar', length: 500, nullable: true }) paperReason!: string | null;
  @Index() @Column({ name: 'incoming_document_id', type: 'varchar', length: 36, nullable: true }) incomingDocumentId!:
    string | null;
  @Column({ name: 'outbox_id', type: 'varchar', length: 36, nullable: true }) outboxId!: string | null;
  @Column({ name: 'recorded_at', type: 'datetime', precision: 3 }) recordedAt!: Date;
  @Column({ name: 'delivered_at', type: 'datetime', precision: 3, nullable: true }) deliveredAt!: Date | null;
}

/**
 * A letter waiting to leave through the sending unit's central e-mail (saraban@…). Written `pending` by the dispatch;
 * the mail activity sends it and sets `sent` (or `failed` with `lastError`); a cancelled document's pending mail
 * becomes `cancelled`.
 */
@Entity({ name: 'outbox' })
export class OutboxEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 }) id!: string;
  @Index({ unique: true }) @Column({ name: 'idempotency_key', type: 'varchar', length: 300 }) idempotencyKey!: string;
  @Index() @Column({ name: 'document_id', type: 'varchar', length: 36 }) documentId!: string;
  /** The sending registry unit, whose central e-mail address sends it. */
  @Column({ name: 'unit_id', type: 'varchar', length: 64 }) unitId!: string;
  @Column({ name: 'from_address', type: 'varchar', length: 255, nullable: true }) fromAddress!: string | null;
  @Column({ name: 'to_name', type: 'varchar', length: 300 }) toName!: string;
  @Column({ name: 'to_email', type: 'varchar', length: 255 }) toEmail!: string;
  @Column({ type: 'varchar', length: 500 }) subject!: string;
  /** pending | sent | failed | cancelled */
  @Column({ type: 'varchar', length: 16 }) status!: string;
  @Column({ type: 'int', default: 0 }) attempts!: number;
  @Column({ name: 'last_error', type: 'varchar', length: 1000, nullable: true }) lastError!: string | null;
  @Column({ name: 'created_at', type: 'datetime', precision: 3 }) createdAt!: Date;
  @Column({ name: 'sent_at', type: 'datetime', precision: 3, nullable: true }) sentAt!: Date | null;
}

/** Whether a recipient unit of a circular has acknowledged it (รับทราบ), and the reminders and escalation so far. */
@Entity({ name: 'circular_acknowledgements' })
export class CircularAcknowledgementEntity {
  @PrimaryColumn({ name: 'document_id', type: 'varchar', length: 36 }) documentId!: string;
  @PrimaryColumn({ name: 'unit_id', type: 'varchar', length: 64 }) unitId!: string;
  /** The batch workflow that delivered it and holds its tasks. */
  @Column({ name: 'batch_workflow_id', type: 'varchar', length: 100 }) batchWorkflowId!: string;
  @Column({ name: 'task_id', type: 'varchar', length: 36 }) taskId!: string;
  /** pending | acknowledged | expired */
  @Column({ type: 'varchar', length: 16 }) status!: string;
  @Column({ name: 'delivered_at', type: 'datetime', precision: 3 }) deliveredAt!: Date;
  @Column({ name: 'acknowledged_at', type: 'datetime', precision: 3, nullable: true }) acknowledgedAt!: Date | null;
  @Column({ name: 'acknowledged_by', type: 'varchar', length: 36, nullable: true }) acknowledgedBy!: string | null;
  @Column({ type: 'int', default: 0 }) reminders!: number;
  @Column({ name: 'last_reminded_at', type: 'datetime', precision: 3, nullable: true }) lastRemindedAt!: Date | null;
  @Column({ name: 'escalated_at', type: 'datetime', precision: 3, nullable: true }) escalatedAt!: Date | null;
  @Column({ name: 'escalation_task_id', type: 'varchar', length: 36, nullable: true }) escalationTaskId!: string | null;
}

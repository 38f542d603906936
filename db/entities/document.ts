import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/** A document's content and identity: the database is the truth about content; the workflow about where it is. */
@Entity({ name: 'documents' })
export class DocumentEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 }) id!: string;
  @Index({ unique: true }) @Column({ name: 'workflow_id', type: 'varchar', length: 100 }) workflowId!: string;
  /** incoming | outgoing | circular */
  @Column({ type: 'varchar', length: 16 }) direction!: string;
  @Column({ type: 'varchar', length: 32 }) kind!: string;
  @Column({ type: 'varchar', length: 500 }) subject!: string;
  @Column({ type: 'varchar', length: 16 }) urgency!: string;
  @Column({ type: 'varchar', length: 16 }) secrecy!: string;
  @Column({ type: 'varchar', length: 32 }) category!: string;
  /** The registry unit that owns the document (keeps its registers). */
  @Index() @Column({ name: 'unit_id', type: 'varchar', length: 64 }) unitId!: string;
  @Index() @Column({ type: 'varchar', length: 32 }) stage!: string;
  @Column({ type: 'varchar', length: 16 }) medium!: string;
  @Column({ name: 'paper_reason_code', type: 'varchar', length: 64, nullable: true }) paperReasonCode!: string | null;
  @Column({ name: 'paper_reason', type: 'varchar', length: 500, nullable: true }) paperReason!: string | null;
  @Column({ name: 'sender_name', type: 'varchar', length: 300, nullable: true }) senderName!: string | null;
  @Column({ name: 'sender_number', type: 'varchar', length: 100, nullable: true }) senderNumber!: string | null;
  @Column({ name: 'sender_date', type: 'varchar', length: 10, nullable: true }) senderDate!: string | null;
  @Column({ name: 'to_text', type: 'varchar', length: 500, nullable: true }) toText!: string | null;
  @Column({ type: 'text', nullable: true }) note!: string | null;
  @Column({ type: 'simple-json', nullable: true }) body!: Record<string, unknown> | null;
  @Column({ name: 'file_sha256', type: 'varchar', length: 64, nullable: true }) fileSha256!: string | null;
  @Column({ name: 'file_name', type: 'varchar', length: 255, nullable: true }) fileName!: string | null;
  @Column({ name: 'receipt_number', type: 'int', nullable: true }) receiptNumber!: number | null;
  @Column({ name: 'receipt_year', type: 'int', nullable: true }) receiptYear!: number | null;
  @Column({ name: 'received_at', type: 'datetime', precision: 3, nullable: true }) receivedAt!: Date | null;
  @Column({ name: 'created_by', type: 'varchar', length: 36 }) createdBy!: string;
  @Index() @Column({ name: 'created_at', type: 'datetime', precision: 3 }) createdAt!: Date;
  @Column({ name: 'updated_at', type: 'datetime', precision: 3 }) updatedAt!: Date;
}

/** A stored file, content-addressed: the name on disk is its SHA-256. */
@Entity({ name: 'files' })
export class FileEntity {
  @PrimaryColumn({ type: 'varchar', length: 64 }) sha256!: string;
  @Column({ type: 'int' }) size!: number;
  @Column({ name: 'media_type', type: 'varchar', length: 100 }) mediaType!: string;
  @Column({ name: 'created_at', type: 'datetime', precision: 3 }) createdAt!: Date;
}

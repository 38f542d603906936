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
  /** Outgoing: the author's position (where the chain of command starts) and the current draft version. */
  @Column({ name: 'author_position_id', type: 'varchar', length: 64, nullable: true }) authorPositionId!: string | null;
  @Column({ name: 'current_version', type: 'int', nullable: true }) currentVersion!: number | null;
  /** The document's own number (dispatch or circular ว register): frozen as issued, e.g. "กท 9511/12". */
  @Column({ name: 'number_register', type: 'varchar', length: 32, nullable: true }) numberRegister!: string | null;
  @Column({ name: 'number_value', type: 'int', nullable: true }) numberValue!: number | null;
  @Column({ name: 'number_year', type: 'int', nullable: true }) numberYear!: number | null;
  @Column({ name: 'number_code', type: 'varchar', length: 120, nullable: true }) numberCode!: string | null;
  /** The signature block as signed (domain `signatureBlockFor`), JSON. */
  @Column({ name: 'signature_block', type: 'simple-json', nullable: true }) signatureBlock!: Record<
    string,
    unknown
  > | null;
  @Column({ name: 'signed_at', type: 'datetime', precision: 3, nullable: true }) signedAt!: Date | null;
  @Column({ name: 'signed_by', type: 'varchar', length: 36, nullable: true }) signedBy!: string | null;
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

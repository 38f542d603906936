import { Column, Entity, Index, PrimaryColumn, PrimaryGeneratedColumn } from 'typeorm';

/** An append-only audit row; `hash` covers `prevHash` and the row's content, so an edit anywhere breaks the chain. */
@Entity({ name: 'audit_log' })
export class AuditEntryEntity {
  @PrimaryGeneratedColumn() id!: number;
  @Column({ type: 'datetime', precision: 3 }) at!: Date;
  @Column({ name: 'actor_user_id', type: 'varchar', length: 36, nullable: true }) actorUserId!: string | null;
  @Column({ type: 'varchar', length: 64 }) action!: string;
  @Index() @Column({ name: 'document_id', type: 'varchar', length: 36, nullable: true }) documentId!: string | null;
  @Column({ type: 'simple-json' }) details!: Record<string, unknown>;
  @Column({ name: 'prev_hash', type: 'varchar', length: 64 }) prevHash!: string;
  @Column({ type: 'varchar', length: 64 }) hash!: string;
}

/** The single row that points at the chain's last entry; locked while a row is appended so the chain never forks. */
@Entity({ name: 'audit_head' })
export class AuditHeadEntity {
  @PrimaryColumn({ type: 'int' }) id!: number;
  @Column({ name: 'last_id', type: 'int' }) lastId!: number;
  @Column({ name: 'last_hash', type: 'varchar', length: 64 }) lastHash!: string;
}

/** A remembered answer to a write sent with an `Idempotency-Key`, so a retried request returns the first answer. */
@Entity({ name: 'idempotency_keys' })
export class IdempotencyKeyEntity {
  @PrimaryColumn({ type: 'varchar', length: 64 }) id!: string;
  @Column({ name: 'request_hash', type: 'varchar', length: 64 }) requestHash!: string;
  @Column({ type: 'int' }) status!: number;
  @Column({ type: 'text' }) response!: string;
  @Column({ name: 'created_at', type: 'datetime', precision: 3 }) createdAt!: Date;
}

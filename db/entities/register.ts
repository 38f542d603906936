import { Column, Entity, Index, PrimaryColumn, PrimaryGeneratedColumn } from 'typeorm';

/** The last number issued per (unit, register, Buddhist-era year); the row is locked while a number is taken. */
@Entity({ name: 'counters' })
export class CounterEntity {
  @PrimaryColumn({ name: 'unit_id', type: 'varchar', length: 64 }) unitId!: string;
  @PrimaryColumn({ type: 'varchar', length: 32 }) register!: string;
  @PrimaryColumn({ type: 'int' }) year!: number;
  @Column({ name: 'last_value', type: 'int' }) lastValue!: number;
}

/**
 * One row of a register (ทะเบียนหนังสือรับ/ส่ง/เวียน): written in the same transaction as its number, so a number
 * never exists without its row. `idempotencyKey` (workflow id + purpose) makes a retried allocation return the same row.
 */
@Entity({ name: 'register_entries' })
@Index('uq_register_number', ['register', 'unitId', 'year', 'number'], { unique: true })
export class RegisterEntryEntity {
  @PrimaryGeneratedColumn() id!: number;
  @Column({ type: 'varchar', length: 32 }) register!: string;
  @Column({ name: 'unit_id', type: 'varchar', length: 64 }) unitId!: string;
  @Column({ type: 'int' }) year!: number;
  @Column({ type: 'int' }) number!: number;
  @Index({ unique: true }) @Column({ name: 'idempotency_key', type: 'varchar', length: 200 }) idempotencyKey!: string;
  @Index() @Column({ name: 'document_id', type: 'varchar', length: 36, nullable: true }) documentId!: string | null;
  @Column({ name: 'their_number', type: 'varchar', length: 100, nullable: true }) theirNumber!: string | null;
  @Column({ name: 'their_date', type: 'varchar', length: 10, nullable: true }) theirDate!: string | null;
  @Column({ name: 'from_text', type: 'varchar', length: 300, nullable: true }) fromText!: string | null;
  @Column({ name: 'to_text', type: 'varchar', length: 500, nullable: true }) toText!: string | null;
  @Column({ type: 'varchar', length: 500 }) subject!: string;
  @Column({ name: 'action_text', type: 'varchar', length: 500, nullable: true }) actionText!: string | null;
  @Column({ type: 'varchar', length: 500, nullable: true }) remark!: string | null;
  @Column({ type: 'varchar', length: 32, nullable: true }) method!: string | null;
  @Column({ type: 'boolean', default: false }) cancelled!: boolean;
  /** Who cancelled the row, when and why (the row and its number stay). */
  @Column({ name: 'cancelled_at', type: 'datetime', precision: 3, nullable: true }) cancelledAt!: Date | null;
  @Column({ name: 'cancelled_by', type: 'varchar', length: 36, nullable: true }) cancelledBy!: string | null;
  @Column({ name: 'cancel_reason', type: 'varchar', length: 400, nullable: true }) cancelReason!: string | null;
  @Column({ name: 'recorded_at', type: 'datetime', precision: 3 }) recordedAt!: Date;
}

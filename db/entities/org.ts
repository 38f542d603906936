import { Column, Entity, Index, PrimaryColumn, PrimaryGeneratedColumn } from 'typeorm';

/** An organisational unit (สำนัก, สำนักงานเขต, ฝ่าย …): a node of the org tree. */
@Entity({ name: 'units' })
export class UnitEntity {
  @PrimaryColumn({ type: 'varchar', length: 64 }) id!: string;
  @Column({ type: 'varchar', length: 255 }) name!: string;
  @Column({ type: 'varchar', length: 32 }) kind!: string;
  @Index() @Column({ name: 'parent_id', type: 'varchar', length: 64, nullable: true }) parentId!: string | null;
  @Column({ name: 'letter_code', type: 'varchar', length: 64 }) letterCode!: string;
  @Column({ name: 'code_verified', type: 'boolean', default: false }) codeVerified!: boolean;
  @Column({ name: 'dopa_code', type: 'varchar', length: 8, nullable: true }) dopaCode!: string | null;
  @Column({ type: 'varchar', length: 64, nullable: true }) phone!: string | null;
  @Column({ name: 'central_email', type: 'varchar', length: 255, nullable: true }) centralEmail!: string | null;
  /** Rollout phase this unit adopted ahead of the plan's date (the memo allows early adoption), if any. */
  @Column({ name: 'early_phase', type: 'int', nullable: true }) earlyPhase!: number | null;
  /** False once the organisation file no longer lists it (npm run org:import): kept, documents name it. */
  @Column({ type: 'boolean', default: true }) active!: boolean;
}

/** A post in a unit; users hold positions, proposals climb from position to position. */
@Entity({ name: 'positions' })
export class PositionEntity {
  @PrimaryColumn({ type: 'varchar', length: 64 }) id!: string;
  @Index() @Column({ name: 'unit_id', type: 'varchar', length: 64 }) unitId!: string;
  @Column({ type: 'varchar', length: 255 }) title!: string;
  @Column({ type: 'int' }) level!: number;
  @Column({ type: 'boolean', default: false }) executive!: boolean;
  @Column({ name: 'head_of_unit', type: 'boolean', default: false }) headOfUnit!: boolean;
  /** False once the organisation file no longer lists it (npm run org:import): kept, documents name it. */
  @Column({ type: 'boolean', default: true }) active!: boolean;
}

/** Who oversees a unit (or a position, or a portfolio) from one date to another: dated, never fixed tree edges. */
@Entity({ name: 'oversight' })
export class OversightEntity {
  @PrimaryGeneratedColumn() id!: number;
  @Index() @Column({ name: 'unit_id', type: 'varchar', length: 64 }) unitId!: string;
  @Column({ name: 'overseer_position_id', type: 'varchar', length: 64 }) overseerPositionId!: string;
  @Column({ type: 'varchar', length: 16, default: 'unit' }) kind!: string;
  @Column({ type: 'varchar', length: 255, nullable: true }) portfolio!: string | null;
  @Column({ name: 'valid_from', type: 'varchar', length: 10 }) validFrom!: string;
  @Column({ name: 'valid_to', type: 'varchar', length: 10, nullable: true }) validTo!: string | null;
}

/** An acting appointment: รักษาราชการแทน (full powers) or ปฏิบัติราชการแทน (delegated, for named matters). */
@Entity({ name: 'acting_appointments' })
export class ActingAppointmentEntity {
  @PrimaryGeneratedColumn() id!: number;
  @Index() @Column({ name: 'position_id', type: 'varchar', length: 64 }) positionId!: string;
  @Column({ name: 'acting_user_id', type: 'varchar', length: 36 }) actingUserId!: string;
  @Column({ type: 'varchar', length: 32 }) kind!: string;
  @Column({ type: 'simple-json', nullable: true }) matters!: string[] | null;
  @Column({ name: 'valid_from', type: 'varchar', length: 10 }) validFrom!: string;
  @Column({ name: 'valid_to', type: 'varchar', length: 10, nullable: true }) validTo!: string | null;
  @Column({ type: 'varchar', length: 500, nullable: true }) note!: string | null;
}

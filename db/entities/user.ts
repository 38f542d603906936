import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/** A person who signs in; holds one position. Roles combine with the org tree for access. */
@Entity({ name: 'users' })
export class UserEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 }) id!: string;
  @Index({ unique: true }) @Column({ type: 'varchar', length: 100 }) username!: string;
  @Column({ name: 'display_name', type: 'varchar', length: 255 }) displayName!: string;
  @Index() @Column({ name: 'position_id', type: 'varchar', length: 64 }) positionId!: string;
  @Column({ type: 'simple-json' }) roles!: string[];
  @Column({ type: 'varchar', length: 255, nullable: true }) email!: string | null;
  /** argon2id hash (PHC string). */
  @Column({ name: 'password_hash', type: 'varchar', length: 255 }) passwordHash!: string;
  @Column({ type: 'boolean', default: true }) active!: boolean;
  /** True for users loaded from the demo fixture: refused when NODE_ENV=production. */
  @Column({ type: 'boolean', default: false }) demo!: boolean;
  /** True for users the organisation file loaded: only these are switched off when a reload drops them. */
  @Column({ type: 'boolean', default: false }) imported!: boolean;
}

/** A sign-in session; the bearer token itself is never stored, only its SHA-256. */
@Entity({ name: 'sessions' })
export class SessionEntity {
  @PrimaryColumn({ name: 'token_hash', type: 'varchar', length: 64 }) tokenHash!: string;
  @Index() @Column({ name: 'user_id', type: 'varchar', length: 36 }) userId!: string;
  @Column({ name: 'created_at', type: 'datetime', precision: 3 }) createdAt!: Date;
  @Column({ name: 'expires_at', type: 'datetime', precision: 3 }) expiresAt!: Date;
  @Column({ name: 'revoked_at', type: 'datetime', precision: 3, nullable: true }) revokedAt!: Date | null;
}

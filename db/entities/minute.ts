import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/** A minute (เกษียน) written on a document by one level of a proposal: text, author, position and time. */
@Entity({ name: 'minutes' })
export class MinuteEntity {
  @PrimaryGeneratedColumn() id!: number;
  @Index() @Column({ name: 'document_id', type: 'varchar', length: 36 }) documentId!: string;
  @Column({ name: 'task_id', type: 'varchar', length: 36, nullable: true }) taskId!: string | null;
  @Index({ unique: true }) @Column({ name: 'step_key', type: 'varchar', length: 200 }) stepKey!: string;
  @Column({ type: 'datetime', precision: 3 }) at!: Date;
  @Column({ name: 'author_user_id', type: 'varchar', length: 36 }) authorUserId!: string;
  @Column({ name: 'author_name', type: 'varchar', length: 255 }) authorName!: string;
  @Column({ name: 'position_title', type: 'varchar', length: 500 }) positionTitle!: string;
  @Column({ type: 'text' }) text!: string;
  /** annotate | approve | return | propose */
  @Column({ type: 'varchar', length: 32 }) decision!: string;
}

import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/** The inbox read model: one row per human task, written only by activities when the workflow opens or closes it. */
@Entity({ name: 'tasks' })
@Index('ix_tasks_assignee', ['assigneeUserId', 'status'])
@Index('ix_tasks_queue', ['unitId', 'status'])
export class TaskEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 }) id!: string;
  @Index() @Column({ name: 'document_id', type: 'varchar', length: 36 }) documentId!: string;
  @Column({ name: 'workflow_id', type: 'varchar', length: 100 }) workflowId!: string;
  @Column({ type: 'varchar', length: 32 }) type!: string;
  /** open | done | cancelled */
  @Column({ type: 'varchar', length: 16 }) status!: string;
  /** The registry unit whose queue holds the task when nobody holds it personally. */
  @Column({ name: 'unit_id', type: 'varchar', length: 64 }) unitId!: string;
  /** Which role of that unit works the queue (e.g. clerk) when there is no personal holder. */
  @Column({ name: 'queue_role', type: 'varchar', length: 32, nullable: true }) queueRole!: string | null;
  @Column({ name: 'assignee_user_id', type: 'varchar', length: 36, nullable: true }) assigneeUserId!: string | null;
  @Column({ type: 'varchar', length: 500 }) subject!: string;
  @Column({ type: 'varchar', length: 16 }) urgency!: string;
  @Column({ name: 'from_text', type: 'varchar', length: 300, nullable: true }) fromText!: string | null;
  @Column({ name: 'created_at', type: 'datetime', precision: 3 }) createdAt!: Date;
  @Index() @Column({ name: 'due_at', type: 'datetime', precision: 3, nullable: true }) dueAt!: Date | null;
  @Column({ name: 'escalation_level', type: 'int', default: 0 }) escalationLevel!: number;
  @Column({ name: 'closed_at', type: 'datetime', precision: 3, nullable: true }) closedAt!: Date | null;
  @Column({ name: 'closed_by', type: 'varchar', length: 36, nullable: true }) closedBy!: string | null;
  @Column({ type: 'varchar', length: 32, nullable: true }) outcome!: string | null;
}

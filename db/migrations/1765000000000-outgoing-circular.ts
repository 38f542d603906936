import { Table, TableColumn, type MigrationInterface, type QueryRunner } from 'typeorm';
import { col } from './columns';

/**
 * The outgoing and circular lives: the document's own number and signature, every version of a draft, the
 * deliveries of a dispatch, the unit's central e-mail outbox and the acknowledgements of a circular.
 */
export class OutgoingCircular1765000000000 implements MigrationInterface {
  name = 'OutgoingCircular1765000000000';

  async up(q: QueryRunner): Promise<void> {
    await q.addColumns('documents', [
      new TableColumn(col.str('author_position_id', 64, true)),
      new TableColumn(col.int('current_version', true)),
      new TableColumn(col.str('number_register', 32, true)),
      new TableColumn(col.int('number_value', true)),
      new TableColumn(col.int('number_year', true)),
      new TableColumn(col.str('number_code', 120, true)),
      new TableColumn(col.text('signature_block')),
      new TableColumn(col.time('signed_at', true)),
      new TableColumn(col.str('signed_by', 36, true)),
    ]);
    for (const table of [versions(), deliveries(), outbox(), acknowledgements()]) await q.createTable(table, true);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const name of ['circular_acknowledgements', 'outbox', 'deliveries', 'document_versions'])
      await q.dropTable(name, true);
    for (const name of [
      'signed_by',
      'signed_at',
      'signature_block',
      'number_code',
      'number_year',
      'number_value',
      'number_register',
      'current_version',
      'author_position_id',
    ])
      await q.dropColumn('documents', name);
  }
}

function versions(): Table {
  return new Table({
    name: 'document_versions',
    columns: [
      col.serial(),
      col.str('document_id', 36),
      col.int('version'),
      col.str('kind', 32),
      col.str('subject', 500),
      col.str('urgency', 16),
      col.str('secrecy', 16),
      col.str('category', 32),
      col.str('within_at', 40, true),
      col.text('recipients', false),
      col.text('body'),
      col.text('attachments'),
      col.str('created_by', 36),
      col.time('created_at'),
    ],
    indices: [{ name: 'uq_document_versions', columnNames: ['document_id', 'version'], isUnique: true }],
  });
}

function deliveries(): Table {
  return new Table({
    name: 'deliveries',
    columns: [
      col.serial(),
      col.str('document_id', 36),
      col.int('seq'),
      col.str('recipient_key', 300),
      col.str('unit_id', 64, true),
      col.str('name', 300),
      col.str('email', 255, true),
      col.str('method', 16),
      col.str('status', 16),
      col.str('paper_reason_code', 64, true),
      col.str('paper_reason', 500, true),
      col.str('incoming_document_id', 36, true),
      col.str('outbox_id', 36, true),
      col.time('recorded_at'),
      col.time('delivered_at', true),
    ],
    indices: [
      { name: 'uq_deliveries_recipient', columnNames: ['document_id', 'recipient_key'], isUnique: true },
      { name: 'ix_deliveries_incoming', columnNames: ['incoming_document_id'] },
    ],
  });
}

function outbox(): Table {
  return new Table({
    name: 'outbox',
    columns: [
      col.id(),
      col.str('idempotency_key', 300),
      col.str('document_id', 36),
      col.str('unit_id', 64),
      col.str('from_address', 255, true),
      col.str('to_name', 300),
      col.str('to_email', 255),
      col.str('subject', 500),
      col.str('status', 16),
      col.int('attempts', false, 0),
      col.str('last_error', 1000, true),
      col.time('created_at'),
      col.time('sent_at', true),
    ],
    indices: [
      { name: 'uq_outbox_idempotency', columnNames: ['idempotency_key'], isUnique: true },
      { name: 'ix_outbox_status', columnNames: ['status', 'created_at'] },
      { name: 'ix_outbox_document', columnNames: ['document_id'] },
    ],
  });
}

function acknowledgements(): Table {
  return new Table({
    name: 'circular_acknowledgements',
    columns: [
      { ...col.str('document_id', 36), isPrimary: true },
      { ...col.str('unit_id', 64), isPrimary: true },
      col.str('batch_workflow_id', 100),
      col.str('task_id', 36),
      col.str('status', 16),
      col.time('delivered_at'),
      col.time('acknowledged_at', true),
      col.str('acknowledged_by', 36, true),
      col.int('reminders', false, 0),
      col.time('last_reminded_at', true),
      col.time('escalated_at', true),
      col.str('escalation_task_id', 36, true),
    ],
    indices: [{ name: 'ix_circular_ack_status', columnNames: ['document_id', 'status'] }],
  });
}

import { Table, type MigrationInterface, type QueryRunner } from 'typeorm';
import { col } from './columns';

/** The first schema: org chart, users and sessions, documents and files, counters and registers, tasks, audit. */
export class InitialSchema1764000000000 implements MigrationInterface {
  name = 'InitialSchema1764000000000';

  async up(q: QueryRunner): Promise<void> {
    if (q.connection.options.type === 'mysql') {
      const [{ db }] = (await q.query('SELECT DATABASE() AS db')) as Array<{ db: string }>;
      await q.query(`ALTER DATABASE \`${db}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`);
    }
    const tables: Table[] = [
      new Table({
        name: 'units',
        columns: [
          col.id('id', 64),
          col.str('name', 255),
          col.str('kind', 32),
          col.str('parent_id', 64, true),
          col.str('letter_code', 64),
          col.bool('code_verified'),
          col.str('dopa_code', 8, true),
          col.str('phone', 64, true),
          col.str('central_email', 255, true),
          col.int('early_phase', true),
        ],
        indices: [{ name: 'ix_units_parent', columnNames: ['parent_id'] }],
      }),
      new Table({
        name: 'positions',
        columns: [
          col.id('id', 64),
          col.str('unit_id', 64),
          col.str('title', 255),
          col.int('level'),
          col.bool('executive'),
          col.bool('head_of_unit'),
        ],
        indices: [{ name: 'ix_positions_unit', columnNames: ['unit_id'] }],
      }),
      new Table({
        name: 'oversight',
        columns: [
          col.serial(),
          col.str('unit_id', 64),
          col.str('overseer_position_id', 64),
          { ...col.str('kind', 16), default: "'unit'" },
          col.str('portfolio', 255, true),
          col.str('valid_from', 10),
          col.str('valid_to', 10, true),
        ],
        indices: [{ name: 'ix_oversight_unit', columnNames: ['unit_id'] }],
      }),
      new Table({
        name: 'acting_appointments',
        columns: [
          col.serial(),
          col.str('position_id', 64),
          col.str('acting_user_id', 36),
          col.str('kind', 32),
          col.text('matters'),
          col.str('valid_from', 10),
          col.str('valid_to', 10, true),
          col.str('note', 500, true),
        ],
        indices: [{ name: 'ix_acting_position', columnNames: ['position_id'] }],
      }),
      new Table({
        name: 'users',
        columns: [
          col.id(),
          col.str('username', 100),
          col.str('display_name', 255),
          col.str('position_id', 64),
          col.text('roles', false),
          col.str('email', 255, true),
          col.str('password_hash', 255),
          col.bool('active', true),
          col.bool('demo'),
        ],
        indices: [
          { name: 'uq_users_username', columnNames: ['username'], isUnique: true },
          { name: 'ix_users_position', columnNames: ['position_id'] },
        ],
      }),
      new Table({
        name: 'sessions',
        columns: [
          col.id('token_hash', 64),
          col.str('user_id', 36),
          col.time('created_at'),
          col.time('expires_at'),
          col.time('revoked_at', true),
        ],
        indices: [{ name: 'ix_sessions_user', columnNames: ['user_id'] }],
      }),
      ...documentTables(),
      ...workTables(),
    ];
    for (const table of tables) await q.createTable(table, true);
  }

  async down(q: QueryRunner): Promise<void> {
    const names = ['idempotency_keys', 'audit_head', 'audit_log', 'tasks', 'register_entries', 'counters', 'files'];
    for (const name of [
      ...names,
      'documents',
      'sessions',
      'users',
      'acting_appointments',
      'oversight',
      'positions',
      'units',
    ])
      await q.dropTable(name, true);
  }
}

function documentTables(): Table[] {
  return [
    new Table({
      name: 'documents',
      columns: [
        col.id(),
        col.str('workflow_id', 100),
        col.str('direction', 16),
        col.str('kind', 32),
        col.str('subject', 500),
        col.str('urgency', 16),
        col.str('secrecy', 16),
        col.str('category', 32),
        col.str('unit_id', 64),
        col.str('stage', 32),
        col.str('medium', 16),
        col.str('paper_reason_code', 64, true),
        col.str('paper_reason', 500, true),
        col.str('sender_name', 300, true),
        col.str('sender_number', 100, true),
        col.str('sender_date', 10, true),
        col.str('to_text', 500, true),
        col.text('note'),
        col.text('body'),
        col.str('file_sha256', 64, true),
        col.str('file_name', 255, true),
        col.int('receipt_number', true),
        col.int('receipt_year', true),
        col.time('received_at', true),
        col.str('created_by', 36),
        col.time('created_at'),
        col.time('updated_at'),
      ],
      indices: [
        { name: 'uq_documents_workflow', columnNames: ['workflow_id'], isUnique: true },
        { name: 'ix_documents_unit', columnNames: ['unit_id'] },
        { name: 'ix_documents_stage', columnNames: ['stage'] },
        { name: 'ix_documents_created', columnNames: ['created_at'] },
      ],
    }),
    new Table({
      name: 'files',
      columns: [col.id('sha256', 64), col.int('size'), col.str('media_type', 100), col.time('created_at')],
    }),
    new Table({
      name: 'counters',
      columns: [
        { ...col.str('unit_id', 64), isPrimary: true },
        { ...col.str('register', 32), isPrimary: true },
        { ...col.int('year'), isPrimary: true },
        col.int('last_value'),
      ],
    }),
    new Table({
      name: 'register_entries',
      columns: [
        col.serial(),
        col.str('register', 32),
        col.str('unit_id', 64),
        col.int('year'),
        col.int('number'),
        col.str('idempotency_key', 200),
        col.str('document_id', 36, true),
        col.str('their_number', 100, true),
        col.str('their_date', 10, true),
        col.str('from_text', 300, true),
        col.str('to_text', 500, true),
        col.str('subject', 500),
        col.str('action_text', 500, true),
        col.str('remark', 500, true),
        col.str('method', 32, true),
        col.bool('cancelled'),
        col.time('recorded_at'),
      ],
      indices: [
        { name: 'uq_register_number', columnNames: ['register', 'unit_id', 'year', 'number'], isUnique: true },
        { name: 'uq_register_idempotency', columnNames: ['idempotency_key'], isUnique: true },
        { name: 'ix_register_document', columnNames: ['document_id'] },
      ],
    }),
  ];
}

function workTables(): Table[] {
  return [
    new Table({
      name: 'tasks',
      columns: [
        col.id(),
        col.str('document_id', 36),
        col.str('workflow_id', 100),
        col.str('type', 32),
        col.str('status', 16),
        col.str('unit_id', 64),
        col.str('queue_role', 32, true),
        col.str('assignee_user_id', 36, true),
        col.str('subject', 500),
        col.str('urgency', 16),
        col.str('from_text', 300, true),
        col.time('created_at'),
        col.time('due_at', true),
        col.int('escalation_level', false, 0),
        col.time('closed_at', true),
        col.str('closed_by', 36, true),
        col.str('outcome', 32, true),
      ],
      indices: [
        { name: 'ix_tasks_document', columnNames: ['document_id'] },
        { name: 'ix_tasks_assignee', columnNames: ['assignee_user_id', 'status'] },
        { name: 'ix_tasks_queue', columnNames: ['unit_id', 'status'] },
        { name: 'ix_tasks_due', columnNames: ['due_at'] },
      ],
    }),
    new Table({
      name: 'audit_log',
      columns: [
        col.serial(),
        col.time('at'),
        col.str('actor_user_id', 36, true),
        col.str('action', 64),
        col.str('document_id', 36, true),
        col.text('details', false),
        col.str('prev_hash', 64),
        col.str('hash', 64),
      ],
      indices: [{ name: 'ix_audit_document', columnNames: ['document_id'] }],
    }),
    new Table({
      name: 'audit_head',
      columns: [{ ...col.int('id'), isPrimary: true }, col.int('last_id'), col.str('last_hash', 64)],
    }),
    new Table({
      name: 'idempotency_keys',
      columns: [
        col.id('id', 64),
        col.str('request_hash', 64),
        col.int('status'),
        col.text('response', false),
        col.time('created_at'),
      ],
    }),
  ];
}

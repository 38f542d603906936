import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { historyFromJSON } from '@temporalio/common/lib/proto-utils';
import { Worker } from '@temporalio/worker';

/**
 * Replay safety of the outgoing and circular lives: histories recorded from the real dev server
 * (test/fixtures/histories/outgoing-*.json and circular-*.json, written by their suites with RECORD_HISTORIES=1)
 * must replay against the current workflow code. A change that would break a running document fails here: guard
 * it with `patched()`.
 */
const dir = join(__dirname, '..', 'fixtures', 'histories');
const files = readdirSync(dir).filter((f) => /^(outgoing|circular)-.*\.json$/.test(f));

describe('replaying recorded outgoing and circular lives', () => {
  it('has recorded histories of both lives to replay', () => {
    expect(files.some((f) => f.startsWith('outgoing-'))).toBe(true);
    expect(files.some((f) => f.startsWith('circular-'))).toBe(true);
  });

  it.each(files)('%s replays against the current workflows', async (file) => {
    const history = historyFromJSON(JSON.parse(readFileSync(join(dir, file), 'utf8')));
    const bundle = process.env.SARABAN_WORKFLOW_BUNDLE;
    await Worker.runReplayHistory(
      bundle ? { workflowBundle: { codePath: bundle } } : { workflowsPath: require.resolve('../../workflows') },
      history,
      file.replace(/\.json$/, ''),
    );
  });
});

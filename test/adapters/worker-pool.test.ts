import { describe, expect, it } from 'vitest';
import { startWorkerPool } from '../../src/adapters/worker-pool.js';

interface Task {
  seq: number;
  value: string;
}
interface Result {
  seq: number;
  batch: number;
  settings: string[];
}

const url = new URL('./workers/echo-worker.mjs', import.meta.url);
const start = (size: number) =>
  startWorkerPool<Task, Result>(url, null, size, (tasks) => ({ type: 'tasks', tasks }));

describe('startWorkerPool', () => {
  it('posts the tasks given in one turn as one message, and pairs every answer with its task', async () => {
    const pool = start(1);
    try {
      const first = await Promise.all([0, 1, 2, 3].map((seq) => pool.run({ seq, value: 'x' })));
      expect(first.map((r) => [r.seq, r.batch])).toEqual([
        [0, 4],
        [1, 4],
        [2, 4],
        [3, 4],
      ]);
      // Three tasks: the worker answers them one message each.
      const second = await Promise.all([4, 5, 6].map((seq) => pool.run({ seq, value: 'x' })));
      expect(second.map((r) => [r.seq, r.batch])).toEqual([
        [4, 3],
        [5, 3],
        [6, 3],
      ]);
    } finally {
      await pool.close();
    }
  });

  it('delivers a broadcast after the tasks given before it and before those given after', async () => {
    const pool = start(2);
    try {
      const before = [0, 1].map((seq) => pool.run({ seq, value: 'x' }));
      pool.broadcast({ type: 'setting', value: 'a' });
      const after = [2, 3].map((seq) => pool.run({ seq, value: 'x' }));
      const results = await Promise.all([...before, ...after]);
      expect(results.map((r) => r.settings)).toEqual([[], [], ['a'], ['a']]);
    } finally {
      await pool.close();
    }
  });

  it('rejects the pending tasks and every later one when a worker dies', async () => {
    const pool = start(1);
    try {
      const tasks = [pool.run({ seq: 0, value: 'die' }), pool.run({ seq: 1, value: 'x' })];
      for (const task of tasks)
        await expect(task).rejects.toThrow('a worker thread stopped (exit 3)');
      await expect(pool.run({ seq: 2, value: 'x' })).rejects.toThrow('exit 3');
    } finally {
      await pool.close();
    }
  });
});

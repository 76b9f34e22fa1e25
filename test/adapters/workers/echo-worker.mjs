// A worker for test/adapters/worker-pool.test.ts: answers each task of a message with its seq,
// the size of the message it came in, and the settings broadcast so far; dies on task 'die'.
import process from 'node:process';
import { parentPort } from 'node:worker_threads';

const settings = [];
parentPort.on('message', (message) => {
  if (message.type === 'setting') {
    settings.push(message.value);
    return;
  }
  const results = [];
  for (const task of message.tasks) {
    if (task.value === 'die') process.exit(3);
    results.push({ seq: task.seq, batch: message.tasks.length, settings: [...settings] });
  }
  // One answer per task, or all in one array, as the pool takes both.
  if (message.tasks.length % 2 === 0) parentPort.postMessage(results);
  else for (const result of results) parentPort.postMessage(result);
});

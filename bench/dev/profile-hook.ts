/**
 * Preloaded (`-r`) into a server process by http-profile.ts: a CPU profile between two IPC
 * messages, `{ profile: 'start' }` and `{ profile: 'stop', file }`, so that start-up and
 * warm-up stay out of it.
 */
import { Session } from 'node:inspector';
import { writeFileSync } from 'node:fs';

interface ProfileMessage {
  readonly profile: 'start' | 'stop';
  readonly file?: string;
}

const session = new Session();
session.connect();

function isProfileMessage(message: unknown): message is ProfileMessage {
  return typeof message === 'object' && message !== null && 'profile' in message;
}

process.on('message', (message: unknown) => {
  if (!isProfileMessage(message)) return;
  if (message.profile === 'start') {
    session.post('Profiler.enable', () =>
      session.post('Profiler.setSamplingInterval', { interval: 200 }, () =>
        session.post('Profiler.start', () => process.send?.({ profiling: true })),
      ),
    );
    return;
  }
  session.post('Profiler.stop', (error, result) => {
    if (!error && message.file) writeFileSync(message.file, JSON.stringify(result.profile));
    process.send?.({ profiled: message.file ?? null });
  });
});

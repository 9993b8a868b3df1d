import type { ProcessResult, ProcessRunner, Prompter, SpawnRequest, StepQuestion } from '../../src/runner/ports.js';

/** Records every spawn; answers from a script keyed by step id and role. */
export class SpyProcessRunner implements ProcessRunner {
  readonly calls: SpawnRequest[] = [];
  constructor(private readonly answer: (request: SpawnRequest) => Partial<ProcessResult> = () => ({})) {}

  async run(request: SpawnRequest): Promise<ProcessResult> {
    this.calls.push(request);
    const a = this.answer(request);
    const stdout = a.stdout ?? '';
    if (stdout) request.onOutput?.('stdout', stdout);
    return {
      exitCode: 0,
      signal: null,
      stderr: '',
      durationMs: 1,
      timedOut: false,
      interrupted: false,
      ...a,
      stdout,
    };
  }

  commands(): string[] {
    return this.calls.filter((c) => c.role === 'command').map((c) => c.stepId);
  }
}

/** Answers prompts from fixed replies and records the questions asked. */
export class FakePrompter implements Prompter {
  readonly asked: string[] = [];
  constructor(private readonly replies: { change?: boolean; destructive?: boolean; node?: boolean } = {}) {}
  async approveChange(q: StepQuestion) {
    this.asked.push(`change:${q.step}`);
    return this.replies.change ?? false;
  }
  async approveDestructive(q: StepQuestion) {
    this.asked.push(`destructive:${q.step}`);
    return this.replies.destructive ?? false;
  }
  async confirmNodeStep(q: StepQuestion) {
    this.asked.push(`node:${q.step}`);
    return this.replies.node ?? false;
  }
}

/**
 * The commander program: commands, options and help text. One verb per file in commands/, each loaded only when
 * it runs. Built by main.ts after the fast path for `--help`.
 */
import { Command, Option } from 'commander';
import { styler } from './io.js';
import type { CommandContext, RunFlags } from './main.js';
import { messages } from './messages.js';
import { buildInfo } from './version.js';

const collect = (value: string, previous: string[] = []) => [...previous, value];

export function createProgram(ctx: CommandContext, setCode: (code: number) => void): Command {
  const { io } = ctx;
  const program = new Command('runbook')
    .description(messages.description)
    .exitOverride()
    .configureOutput({
      writeOut: (s) => io.out.write(s),
      writeErr: (s) => io.err.write(s),
      outputError: (s, write) => write(styler(io.color).red(s)),
    })
    .version(messages.version.text(buildInfo()).trimEnd(), '-V, --version', messages.version.option)
    .addHelpText('after', messages.helpFooter())
    .showHelpAfterError('(run "runbook --help" for usage)');

  program
    .command('list')
    .description(messages.cmd.list)
    .option('--json', messages.opt.json)
    .action(async (opts: { json?: boolean }) => {
      setCode(await (await import('./commands/list.js')).list(ctx, opts));
    });

  program
    .command('show')
    .description(messages.cmd.show)
    .argument('<id>', 'runbook id')
    .option('--json', messages.opt.json)
    .action(async (id: string, opts: { json?: boolean }) => {
      setCode(await (await import('./commands/show.js')).show(ctx, id, opts));
    });

  program
    .command('print')
    .description(messages.cmd.print)
    .argument('<id>', 'runbook id')
    .option('-p, --param <name=value>', messages.opt.param, collect)
    .action(async (id: string, opts: { param?: string[] }) => {
      setCode(await (await import('./commands/print.js')).print(ctx, id, opts));
    });

  program
    .command('run')
    .description(messages.cmd.run)
    .argument('<id>', 'runbook id')
    .option('-p, --param <name=value>', messages.opt.param, collect)
    .option('-n, --dry-run', messages.opt.dryRun)
    .option('-y, --yes', messages.opt.yes)
    .addOption(new Option('--from <step>', messages.opt.from).conflicts('only'))
    .option('--only <step>', messages.opt.only, collect)
    .option('--context <name>', messages.opt.context)
    .option('--confirm <context>', messages.opt.confirm)
    .option('--json', messages.opt.json)
    .addHelpText(
      'after',
      '\nExamples:\n  $ npx runbook run kpr-enable --dry-run\n  $ npx runbook run kpr-enable --param apiServerHost=10.0.0.10\n  $ npx runbook run kpr-enable --from delete-kube-proxy --context prod-admin@prod\n  $ npx runbook run kpr-enable --yes --confirm=prod-admin@prod --json   # CI: no prompts\n',
    )
    .action(async (id: string, opts: RunFlags) => {
      setCode(await (await import('./commands/run.js')).run(ctx, id, opts));
    });

  program
    .command('completion')
    .description(messages.cmd.completion)
    .argument('<shell>', 'bash or zsh')
    .action(async (shell: string) => {
      setCode(await (await import('./commands/completion.js')).completion(ctx, shell));
    });

  return program;
}

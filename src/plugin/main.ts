/** Entry point of `kubectl-crashlab`, the kubectl plugin: kubectl's flags translated, then crashlab as usual. */
import { buildProgram, runCli } from '../cli.js';
import { describeFailure } from '../errors.js';
import { processIo } from '../ui/io.js';
import { commandShape, translateKubectlArgs } from './kubectl-args.js';

export async function pluginMain(argv: string[] = process.argv.slice(2)): Promise<void> {
  const controller = new AbortController();
  process.once('SIGINT', () => controller.abort());
  const io = processIo(controller.signal);
  try {
    const program = commandShape(buildProgram(io, {}, { code: 0 }));
    const { argv: args, env, notes } = translateKubectlArgs(argv, io.env, program);
    for (const line of notes) io.stderr.write(`${line}\n`);
    process.exitCode = await runCli(args, { ...io, env });
  } catch (error) {
    const { line, exitCode } = describeFailure(error);
    io.stderr.write(`${line}\n`);
    process.exitCode = exitCode;
  }
}

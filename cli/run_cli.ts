/** What a command needs to run: its task name, `--help` text, parser and body. */
export interface CliCommand<Args extends { help: boolean }> {
  /** The deno task name, for error hints: "muddle", "eval". */
  task: string;
  usage: string;
  parse(argv: readonly string[]): Args;
  /** The command itself; returns the exit code. */
  run(args: Args): Promise<number>;
}

/**
 * Runs a command and exits: bad arguments exit 2 with the parser's message
 * and a hint, `--help` prints the usage, any other failure exits 1 with its
 * message (no stack trace: the messages say what was wrong).
 */
export async function runCli<Args extends { help: boolean }>(
  command: CliCommand<Args>,
  argv: readonly string[],
): Promise<never> {
  let args: Args;
  try {
    args = command.parse(argv);
  } catch (error) {
    console.error(
      `error: ${
        (error as Error).message
      }\nRun \`deno task ${command.task} --help\` for the options.`,
    );
    Deno.exit(2);
  }
  if (args.help) {
    console.log(command.usage);
    Deno.exit(0);
  }
  try {
    Deno.exit(await command.run(args));
  } catch (error) {
    console.error(`error: ${(error as Error).message}`);
    Deno.exit(1);
  }
}

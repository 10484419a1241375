package io.tidewatch.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code ./tidewatch} entry point: one runnable jar, one subcommand per process kind. Usage errors (unknown
 * command, bad flag) print usage and exit 2, as picocli does by default.
 */
@Command(name = "tidewatch",
        mixinStandardHelpOptions = true,
        versionProvider = Version.class,
        description = "Streaming-ML network detection on Kafka.",
        subcommands = {
            CommandLine.HelpCommand.class,
        })
public final class Tidewatch implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    /** The command tree, shared by {@link #main} and tests. */
    public static CommandLine commandLine() {
        CommandLine cl = new CommandLine(new Tidewatch());
        // Each module contributes its own commands; they are added here so the list is in one place.
        cl.addSubcommand("evaluate", new io.tidewatch.cli.evaluate.EvaluateCommand());
        cl.addSubcommand("probe", new io.tidewatch.probe.ProbeCommand());
        cl.addSubcommand("synth", new io.tidewatch.probe.synth.SynthCommand());
        cl.addSubcommand("broker", new io.tidewatch.localstack.BrokerCommand());
        cl.addSubcommand("streams", new io.tidewatch.streams.StreamsCommand());
        cl.addSubcommand("replay", new io.tidewatch.cli.replay.ReplayCommand());
        cl.addSubcommand("demo", new io.tidewatch.cli.demo.DemoCommand());
        cl.setExecutionExceptionHandler((ex, cmd, parseResult) -> {
            // A clear one-line error, not a stack trace: the exception message names the bad value.
            cmd.getErr().println("tidewatch " + cmd.getCommandName() + ": " + ex.getMessage());
            return 1;
        });
        return cl;
    }

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "a command is required");
    }
}

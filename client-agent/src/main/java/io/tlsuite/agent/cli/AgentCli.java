package io.tlsuite.agent.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * The client agent's command line: the same verbs as its REST API, against a running agent ({@code
 * --agent}, default {@code $AGENT_URL} or http://localhost:8084) and any target. Exit codes: 0
 * every play matched the scenario's expectation, 1 some did not (or the run failed), 2 the request
 * was refused (unknown scenario, bad numbers) or the agent is unreachable.
 */
@Command(
        name = "agent",
        mixinStandardHelpOptions = true,
        description = "The TLS suite's client agent: scenarios, handshakes and load runs.",
        subcommands = {
            AgentCli.Scenarios.class,
            AgentCli.ScenarioCommand.class,
            AgentCli.Handshake.class,
            AgentCli.Load.class,
            AgentCli.Runs.class
        })
public final class AgentCli implements Callable<Integer> {
    static final int OK = 0;
    static final int EXPECTATION_FAILED = 1;
    static final int REFUSED = 2;

    @Option(
            names = "--agent",
            description = "the agent's base URL (default: $AGENT_URL or http://localhost:8084)",
            scope = CommandLine.ScopeType.INHERIT)
    String agentUrl;

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    /** Runs the command line; returns the exit code (tests call this). */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        CommandLine cl = new CommandLine(new AgentCli());
        cl.setOut(new java.io.PrintWriter(out, true));
        cl.setErr(new java.io.PrintWriter(err, true));
        cl.setExitCodeExceptionMapper(e -> REFUSED);
        cl.setExecutionExceptionHandler(
                (e, cmd, parsed) -> {
                    err.println("error: " + e.getMessage());
                    return REFUSED;
                });
        Out.set(out, err);
        return cl.execute(args);
    }

    @Override
    public Integer call() {
        new CommandLine(this).usage(Out.out());
        return REFUSED;
    }

    AgentApi api() {
        String url =
                agentUrl != null
                        ? agentUrl
                        : System.getenv().getOrDefault("AGENT_URL", "http://localhost:8084");
        return new AgentApi(url);
    }

    /** Where output goes (System.out in the shell, a buffer in tests). */
    static final class Out {
        private static PrintStream out = System.out;
        private static PrintStream err = System.err;

        static void set(PrintStream o, PrintStream e) {
            out = o;
            err = e;
        }

        static PrintStream out() {
            return out;
        }

        static PrintStream err() {
            return err;
        }
    }

    abstract static class Verb implements Callable<Integer> {
        @CommandLine.ParentCommand AgentCli parent;

        abstract int execute(AgentApi api) throws Exception;

        @Override
        public Integer call() {
            AgentApi api = parent.api();
            try {
                return execute(api);
            } catch (AgentApi.Refused r) {
                Out.err()
                        .println(
                                "refused ("
                                        + r.status
                                        + " "
                                        + r.problem.path("type").asText("").replaceAll(".*/", "")
                                        + "): "
                                        + r.getMessage());
                return REFUSED;
            } catch (IOException e) {
                Out.err()
                        .println(
                                "cannot reach the agent at "
                                        + api.base()
                                        + ": "
                                        + e.getClass().getSimpleName()
                                        + (e.getMessage() == null ? "" : " " + e.getMessage())
                                        + " (is the suite up? ./suite up)");
                return REFUSED;
            } catch (Exception e) {
                Out.err().println("error: " + e);
                return REFUSED;
            }
        }
    }

    @Command(name = "scenarios", description = "List every scenario and its expected outcome.")
    static final class Scenarios extends Verb {
        @Override
        int execute(AgentApi api) throws Exception {
            JsonNode list = api.get("api/v1/scenarios");
            List<String[]> rows = new ArrayList<>();
            for (JsonNode s : list) {
                List<String> t = new ArrayList<>();
                s.path("transports").forEach(x -> t.add(x.asText()));
                rows.add(
                        new String[] {
                            s.path("name").asText(),
                            String.join(",", t),
                            s.path("expectation").asText()
                        });
            }
            Table.print(
                    Out.out(), new String[] {"SCENARIO", "TRANSPORTS", "EXPECTED OUTCOME"}, rows);
            return OK;
        }
    }

    /** Options every run-starting verb shares. */
    abstract static class RunVerb extends Verb {
        @Option(names = "--transport", description = "tcp (default) or rest", defaultValue = "tcp")
        String transport;

        @Option(
                names = "--target",
                description =
                        "tcp: host:port (default the suite's 8443); rest: base URL; for resumption,"
                                + " two replicas separated by a comma (resumed on the second)")
        String target;

        @Option(names = "--duration", description = "stop after this many seconds")
        Integer duration;

        @Option(names = "--json", description = "print the run's JSON instead of tables")
        boolean json;

        @Option(names = "--no-progress", description = "no progress bar")
        boolean noProgress;

        int run(AgentApi api, String scenario, int count, int concurrency, boolean timeline)
                throws Exception {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("scenario", scenario);
            body.put("count", count);
            body.put("concurrency", concurrency);
            body.put("transport", transport);
            if (target != null) {
                body.put("target", target);
            }
            if (duration != null) {
                body.put("durationSeconds", duration);
            }
            String id = api.post("api/v1/runs", body).path("id").asText();
            JsonNode run =
                    RunWatch.until(
                            api,
                            id,
                            !noProgress && !json && (count > 1 || duration != null),
                            Out.err());
            if (json) {
                Out.out()
                        .println(
                                AgentApi.JSON
                                        .writerWithDefaultPrettyPrinter()
                                        .writeValueAsString(run));
            } else {
                Report.print(Out.out(), run, timeline);
            }
            boolean ok =
                    "completed".equals(run.path("state").asText())
                            && run.path("failed").asInt() == 0
                            && run.path("passed").asInt() > 0;
            return ok ? OK : EXPECTATION_FAILED;
        }
    }

    @Command(
            name = "scenario",
            description = "Play one scenario (count times) and check its expectation.")
    static final class ScenarioCommand extends RunVerb {
        @Parameters(index = "0", description = "scenario name (see: agent scenarios)")
        String name;

        @Option(names = "--count", defaultValue = "1")
        int count;

        @Option(names = "--concurrency", defaultValue = "1")
        int concurrency;

        @Override
        int execute(AgentApi api) throws Exception {
            return run(api, name, count, concurrency, count == 1);
        }
    }

    @Command(
            name = "handshake",
            description = "One TLS 1.3 handshake, with every message sent and received.")
    static final class Handshake extends RunVerb {
        @Option(
                names = "--scenario",
                defaultValue = "tls13",
                description = "a good scenario (default tls13)")
        String scenario;

        @Override
        int execute(AgentApi api) throws Exception {
            return run(api, scenario, 1, 1, true);
        }
    }

    @Command(name = "load", description = "Many handshakes at once: rate and latency per phase.")
    static final class Load extends RunVerb {
        @Option(names = "--scenario", defaultValue = "tls13")
        String scenario;

        @Option(names = "--count", defaultValue = "1000")
        int count;

        @Option(names = "--concurrency", defaultValue = "8")
        int concurrency;

        @Override
        int execute(AgentApi api) throws Exception {
            return run(api, scenario, count, concurrency, false);
        }
    }

    @Command(name = "runs", description = "List the agent's runs, or cancel one (--cancel ID).")
    static final class Runs extends Verb {
        @Option(names = "--cancel", description = "run id to cancel")
        String cancel;

        @Override
        int execute(AgentApi api) throws Exception {
            if (cancel != null) {
                JsonNode r = api.delete("api/v1/runs/" + cancel);
                Out.out()
                        .println(
                                "cancel requested: "
                                        + r.path("id").asText()
                                        + " ("
                                        + r.path("done").asInt()
                                        + " done)");
                return OK;
            }
            List<String[]> rows = new ArrayList<>();
            for (Iterator<JsonNode> it = api.get("api/v1/runs").elements(); it.hasNext(); ) {
                JsonNode r = it.next();
                rows.add(
                        new String[] {
                            r.path("id").asText(),
                            r.path("scenario").asText(),
                            r.path("transport").asText(),
                            r.path("state").asText(),
                            r.path("done").asText() + "/" + r.path("count").asText(),
                            r.path("passed").asText(),
                            r.path("failed").asText(),
                            r.path("handshakesPerSecond").asText()
                        });
            }
            Table.print(
                    Out.out(),
                    new String[] {
                        "RUN", "SCENARIO", "TRANSPORT", "STATE", "DONE", "PASSED", "FAILED", "HS/S"
                    },
                    rows);
            return OK;
        }
    }
}

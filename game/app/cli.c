/* cli.c — `bulwark` and its git-style subcommands: dispatch, --help,
 * --version, and a "did you mean" for mistyped commands. main() holds no
 * logic; each subcommand lives in its own file. */
#include "bulwark/app.h"
#include "workshop_app.h"

#include <stdlib.h>
#include <string.h>

#ifndef BULWARK_VERSION
#define BULWARK_VERSION "0.0.0"
#endif

typedef struct command {
    const char *name;
    const char *summary;
    int (*run)(int argc, char **argv, FILE *out, FILE *err);
} command;

static const command commands[] = {
    { "play", "the desktop game: play [SCENARIO] [--seed N] [--frames N] [--screenshot FILE] [--input FILE] ...", app_cmd_play },
    { "check", "validate scenarios without playing them: check [--json] FILE...", app_cmd_check },
    { "run", "play a scenario headless to the end: run SCENARIO [--seed N] [--player BOT | --actions RECORD] [--json OUT] [--quiet]", app_cmd_run },
    { "test", "run scenario tests (NAME.test.lua): test [FILE...] [--match TEXT] [--json OUT]", app_cmd_test },
    { "new", "scaffold a scenario and its test from a template: new NAME [--template basic|ransomware|supply-chain|disclosure] [--dir DIR] [--force]", app_cmd_new },
    { "balance", "play the bots over many seeds: balance SCENARIO... | --all [--runs N] [--bots LIST] [--json OUT] [--markdown] [--check]", app_cmd_balance },
    { "curriculum", "what the campaign teaches, and its coverage: curriculum [--json] [--check]", app_cmd_curriculum },
    { "results", "stored results: results list|show ID|verify|export --format csv|json|html [--store T | --workshop CONFIG] ...", app_cmd_results },
    { "workshop", "the facilitator's console of a workshop: workshop CONFIG [--status | --start | --pause | --resume | --end | --announce TEXT] [--json]", app_cmd_workshop },
    { "demo", "play a built-in scenario headless with a sensible defender and print the debrief", app_cmd_demo },
    { "bench", "measure the engine: bench sim [--nodes N] [--days D] [--runs R] [--lua] | render [--nodes N] [--frames F] | run [SCENARIO...] | startup (bench --help)", app_cmd_bench },
};
#define COMMAND_COUNT (sizeof commands / sizeof commands[0])

static void usage(FILE *out)
{
    fprintf(out,
            "usage: bulwark [--help] [--version] [<command> [<args>]]\n"
            "\n"
            "Bulwark — defend a living infrastructure and learn the practices of the\n"
            "Cybersecurity Tech Accord by their consequences.\n"
            "\n"
            "commands:\n");
    for (size_t i = 0; i < COMMAND_COUNT; i++)
        fprintf(out, "  %-10s %s\n", commands[i].name, commands[i].summary);
    fprintf(out,
            "\n"
            "'bulwark' alone opens the desktop game; without a display it plays the first\n"
            "scenario headless and prints its debrief.\n"
            "'bulwark <command> --help' tells more about one command.\n"
            "exit codes: 0 success, 1 the scenario, bot, replay or test failed, 2 usage error,\n"
            "3 internal error.\n");
}

const char *app_closest(const char *word, const char *const *names)
{
    return bw_closest(word, names);
}

int app_main(int argc, char **argv)
{
    if (argc < 2) /* `bulwark` alone: the desktop game at its menu (headless without a display) */
        return app_cmd_play(0, argv + 1, stdout, stderr);
    if (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0 || strcmp(argv[1], "help") == 0) {
        usage(stdout);
        return APP_OK;
    }
    if (strcmp(argv[1], "--version") == 0 || strcmp(argv[1], "version") == 0) {
        printf("bulwark %s\n", BULWARK_VERSION);
        return APP_OK;
    }
    for (size_t i = 0; i < COMMAND_COUNT; i++)
        if (strcmp(argv[1], commands[i].name) == 0)
            return commands[i].run(argc - 2, argv + 2, stdout, stderr);
    const char *names[COMMAND_COUNT + 1];
    for (size_t i = 0; i < COMMAND_COUNT; i++)
        names[i] = commands[i].name;
    names[COMMAND_COUNT] = NULL;
    const char *near = app_closest(argv[1], names);
    if (argv[1][0] == '-')
        fprintf(stderr, "bulwark: unknown option '%s'\n", argv[1]);
    else
        fprintf(stderr, "bulwark: '%s' is not a bulwark command.\n", argv[1]);
    if (near)
        fprintf(stderr, "Did you mean '%s'?\n", near);
    fprintf(stderr, "Run 'bulwark --help' for the list of commands.\n");
    return APP_USAGE;
}

/* sandbox.h — the Lua 5.4 sandbox that runs untrusted scenario scripts.
 *
 * Scenario scripts are shared between strangers. A sandbox gives each one
 * its own lua_State with a counted allocator, a whitelisted environment and
 * a per-call work budget, so a script can neither escape, nor hang the
 * game, nor exhaust its memory. Bindings (game/script/) add their globals
 * to the environment and call into Lua only through script_sandbox_call.
 *
 * Environment (the whitelist is in game/script/sandbox_env.c, each removal
 * with the attack it blocks): the basic functions without dofile,
 * loadfile, print and warn; load for text chunks only; collectgarbage
 * ("count") only; setmetatable refuses a metatable with __gc (finalizers
 * run with hooks off); string without dump, with bounded pattern matching
 * and a capped rep; table, math, utf8, coroutine. No io, os, package,
 * require or debug. Library tables and the string metatable are read-only
 * to scripts. math.random draws from the host (see set_random).
 *
 * Limits. A sandbox enforces
 *   - memory_bytes: every byte the state allocates is counted; an
 *     allocation that would go over the cap is refused, Lua collects and
 *     retries once, and unless that collection won back 1/16 of the cap the
 *     sandbox trips (a script living at the cap would make every
 *     allocation cost a full collection);
 *   - instructions_per_call: VM instructions plus work done in C library
 *     functions, in instruction-sized units (pattern matching steps, table
 *     shifts, sorting, bytes allocated, caught errors, resumes), per
 *     outermost call into Lua;
 *   - max_string_bytes: results of string.rep, table.concat and
 *     string.gsub; going over raises an ordinary (catchable) error;
 *   - SANDBOX_MAX_DEPTH nested calls in one thread: deeper raises an
 *     ordinary (catchable) "stack overflow (more than N nested calls)",
 *     as Lua's own stack overflow would, long before an endless recursion
 *     could fill the memory cap with stack frames;
 *   - cpu_ms_per_call: a backstop for work the instruction count cannot
 *     see (comparing two long strings is one instruction), in CPU time of
 *     the calling thread, so a busy machine does not trip it early. It is
 *     still not deterministic across machines, so it should never be the
 *     limit a well-behaved script meets; SANDBOX_CPU_OFF turns it off.
 *   - cpu_ms_unseen: the backstop's quick half. The counted work earns CPU
 *     time: 40 ns an instruction or unit of library work (eight times what
 *     the VM spends on one), 1.5 us a block allocated and 0.5 ns a byte
 *     (about twice what a memory bomb of small objects costs). A call that
 *     spends cpu_ms_unseen more than it earned is doing work the count
 *     cannot see, one instruction at a time (a loop comparing two 8 MB
 *     strings), and is stopped: "time limit exceeded (N ms of CPU time for
 *     M units of work)". Such work can at most match, not multiply, what
 *     the counted work costs. Sanitizer builds triple every figure. An
 *     ordinary script earns far more than it spends and never meets this;
 *     host code that runs long in C under a Lua call (a test's g:play)
 *     turns it off with SANDBOX_CPU_OFF.
 * A tripped limit (instructions, memory, CPU time) cannot be caught by
 * the script: pcall, xpcall, coroutine.resume and coroutine.close rethrow
 * it and the count hook keeps raising on every instruction, so the script
 * unwinds to the host. A tripped sandbox must be destroyed, never reused.
 *
 * Errors. Functions return 0 or a negative BW_E* code and fill a bw_err.
 * Script errors come back as "file:line: message" followed by a short
 * traceback ("\n  at file:line" lines), code BW_ESCRIPT; limits give
 * BW_ELIMIT with "file:line: instruction limit exceeded (N per call)" and
 * the like; an allocation failure that is not the cap gives BW_ENOMEM.
 * The line of a memory trip is where the script was last seen while memory
 * ran above half the cap (at most 1000 instructions earlier), or only the
 * file when it was never seen there: the allocator cannot read the stack.
 *
 * Threads. A sandbox is used from one thread at a time. */
#ifndef BULWARK_SANDBOX_H
#define BULWARK_SANDBOX_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <lua.h>

#include "bulwark/error.h"

typedef struct script_sandbox script_sandbox;

/* cpu_ms_per_call / cpu_ms_unseen value that turns that backstop off. */
#define SANDBOX_CPU_OFF UINT32_MAX

/* CPU time the counted work earns against cpu_ms_unseen: each instruction
 * (and unit of library work), each block allocated, each byte allocated. */
/* Nested calls one thread may have in progress (see above). */
#define SANDBOX_MAX_DEPTH 10000
#define SANDBOX_NS_PER_INSTRUCTION 40
#define SANDBOX_NS_PER_ALLOCATION 1500
#define SANDBOX_NS_PER_BYTE 0.5

/* A zero field means its default, so a zeroed struct means "defaults". */
typedef struct script_limits {
    size_t memory_bytes;            /* cap on the whole state, default 32 MiB, at least 256 KiB */
    uint64_t instructions_per_call; /* work units per outermost call, default 50 million, at least 1000 */
    size_t max_string_bytes;        /* cap for string.rep / table.concat / gsub results, default 8 MiB */
    uint32_t cpu_ms_per_call;       /* CPU-time backstop per outermost call, ms, default 10000 */
    uint32_t cpu_ms_unseen;         /* CPU time a call may spend beyond what its counted work
                                       explains, ms, default 300 (see above); SANDBOX_CPU_OFF = off */
    long fail_alloc_after;          /* tests only: as script_sandbox_fail_alloc_after, armed before
                                       the state is created so create itself can be swept; 0 = off */
} script_limits;

/* Fill *out with the defaults above. */
void script_limits_default(script_limits *out);

/* Create a sandbox: a fresh lua_State with the whitelisted environment and
 * the count hook installed. NULL limits = defaults. Returns NULL and fills
 * err (BW_EINVAL bad limits, BW_ENOMEM allocation failed) on failure. The
 * caller owns the result; free it with script_sandbox_destroy. */
script_sandbox *script_sandbox_create(const script_limits *limits, bw_err *err);

/* Close the state and free the sandbox. Accepts NULL. */
void script_sandbox_destroy(script_sandbox *sb);

/* The sandbox's main thread, for bindings. Owned by the sandbox; never
 * expose it (or the registry) to scripts, and call Lua functions only
 * through script_sandbox_call so the limits apply. */
lua_State *script_sandbox_lua(script_sandbox *sb);

/* Push the environment table scripts run in (a whitelist). Bindings add
 * their globals to it. The same table is the state's global table, so
 * lua_setglobal works too. Stack: [-0, +1]. */
void script_sandbox_push_env(script_sandbox *sb);

/* Compile a text chunk (binary chunks are refused) with the sandbox
 * environment as its _ENV and push the resulting function. chunkname is
 * Lua-style: "@scenarios/x.lua" shows as "scenarios/x.lua" in errors.
 * Stack: [-0, +1] on success, [-0, +0] on failure. buf is not retained.
 * Errors: BW_EINVAL binary chunk, BW_ESCRIPT syntax error, BW_ENOMEM,
 * BW_ELIMIT (tripped). */
int script_sandbox_load(script_sandbox *sb, const char *chunkname, const char *buf, size_t len,
                        bw_err *err);

/* BW_OK when path is a regular file; otherwise BW_EIO with "is a
 * directory", "is not a regular file" (a FIFO would block a reader
 * forever) or "no such file". Every script and record reader asks first. */
int script_file_check(const char *path, bw_err *err);

/* Read path with C stdio (at most 4 MiB) and load it as above, naming the
 * chunk "@display_name" (display_name NULL = path). Stack as
 * script_sandbox_load. Extra errors: BW_EIO cannot read, BW_ELIMIT too big. */
int script_sandbox_load_file(script_sandbox *sb, const char *path, const char *display_name,
                             bw_err *err);

/* Call the function under nargs arguments on top of the main thread's
 * stack, like lua_pcall, with a fresh work budget (fresh only for the
 * outermost call: a binding that calls back into Lua shares its caller's
 * budget; it must move the function and results between its own thread
 * and the main thread if it runs inside a coroutine).
 * Stack: [-(nargs+1), +nresults] on success (all results for LUA_MULTRET),
 * [-(nargs+1), +0] on failure. Errors: BW_ESCRIPT (the script raised),
 * BW_ELIMIT (a limit tripped, or a size limit error reached the host),
 * BW_ENOMEM (allocation failed below the cap), BW_EINVAL (fewer than
 * nargs + 1 values on the stack: then the stack is left as it was). */
int script_sandbox_call(script_sandbox *sb, int nargs, int nresults, bw_err *err);

/* True once a limit tripped: the state must be destroyed. Every later load
 * or call returns BW_ELIMIT at once. */
bool script_sandbox_tripped(const script_sandbox *sb);

/* Work units charged over the sandbox's whole life (every finished
 * outermost call). Deterministic: a host can cap a whole game with it. */
uint64_t script_sandbox_total_work(const script_sandbox *sb);

/* Bytes the state has allocated and not freed. */
size_t script_sandbox_memory(const script_sandbox *sb);

/* Replace the generator behind math.random (the simulation's seeded
 * PCG32, so runs replay). next(ud) returns 32 uniformly random bits; ud is
 * borrowed and must outlive the sandbox or the next call to this. NULL next
 * makes math.random raise "no random source" (the default). Scripts cannot
 * reseed: math.randomseed raises. */
void script_sandbox_set_random(script_sandbox *sb, uint32_t (*next)(void *ud), void *ud);

/* For bindings: raise msg as an error, and make the outermost
 * script_sandbox_call that it ends return BW_ENOMEM (not BW_ESCRIPT): the
 * binding's own allocation failed, the script did nothing wrong. Like
 * lua_error, does not return. */
int script_sandbox_raise_nomem(lua_State *L, const char *msg);

/* Fault injection for tests: the n-th allocation from now and every one
 * after it fail (0 = off). Persistent on purpose: Lua retries a failed
 * allocation once after an emergency collection, so a single failure
 * would almost never reach an error path. */
void script_sandbox_fail_alloc_after(script_sandbox *sb, long n);

#endif

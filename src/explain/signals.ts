/**
 * Line patterns that say what kind of failure a piece of text reports. They
 * are grouped by what they mean, not by where they appear: the same "exec
 * format error" can show up in a termination message, an event or a log.
 * Wording is covered for dockershim, containerd, CRI-O and common runtimes
 * (Python, Node, Go, JVM, Ruby, .NET, shells).
 */

export type LogSignalKind = 'bad-command' | 'segfault' | 'memory' | 'missing-config' | 'credentials' | 'dependency' | 'app-error' | 'shutdown';

export interface LogSignal {
  kind: LogSignalKind;
  line: string;
  index: number;
  /** log level of the line when it says one: a warning is weaker than a fatal error */
  level?: 'debug' | 'info' | 'warn' | 'error';
}

/** Runtime and shell wording for a command that cannot be run. */
export const BAD_COMMAND: RegExp[] = [
  /exec format error/i,
  /exec user process caused(?:[:\s]+"?(?:exec format error|no such file|permission denied))/i,
  /executable file not found in \$PATH/i,
  /\bexec:\s+\\?"[^"]*?\\?": (?:stat [^:]*: )?(?:no such file or directory|permission denied|is a directory)/i,
  /\bexecutable not found in \$PATH/i,
  /^exec \S+: (?:no such file or directory|permission denied)/i,
  /(?:^|\s)(?:\/bin\/)?(?:ba|da)?sh: (?:\d+: |line \d+: )?\S+: (?:not found|command not found|Permission denied)\s*$/i,
  /(?:^|\s)(?:\/bin\/)?(?:ba|da)?sh: can't open '[^']*'/i,
  /\/usr\/bin\/env: ['‘`]?[^:]+['’`]?: No such file or directory/i,
  /can't open file '[^']*': \[Errno 2\] No such file or directory/i,
  /Error: Unable to access jarfile/i,
  /Error: Could not find or load main class/i,
  // the entry script itself is missing; a module missing inside node_modules is the image's packaging, an app error
  /Cannot find module '\/(?![^']*\/node_modules\/)[^']*'/,
  /\bno command specified\b/i,
];

export const SEGFAULT: RegExp[] = [
  /segmentation fault/i,
  /\bSIGSEGV\b/,
  /\bsignal 11\b/i,
  /\bsegfault at [0-9a-f]+ ip\b/,
  /\bEXC_BAD_ACCESS \(SIGSEGV\)/,
  /\(core dumped\)/i,
  /Fatal Python error: Segmentation fault/i,
];

const MEMORY: RegExp[] = [
  /\bOutOfMemoryError\b/,
  /JavaScript heap out of memory/i,
  /Reached heap limit/i,
  /fatal error: runtime: out of memory/i,
  /^MemoryError\b/,
  /Cannot allocate memory/i,
  /std::bad_alloc/,
  // a parent (npm, a shell, a supervisor) reporting that its child got SIGKILL: in a container, the OOM killer
  /\b(?:errno|exit status)\s*:?\s*137\b|^(?:\[\d+\]\s*)?Killed\s*$/i,
];

const ENV_NAME = String.raw`[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+|[A-Z]{3,}`;

const MISSING_CONFIG: RegExp[] = [
  new RegExp(String.raw`KeyError: ['"](?:${ENV_NAME})['"]`),
  new RegExp(String.raw`key not found: "?(?:${ENV_NAME})"?`),
  // "URL was not found" is a web page's 404; a variable that was not found has an underscore in its name
  /\b[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+\b[^.]{0,40}?\bwas not found\b/,
  // the name directly followed by the verdict, as entrypoint scripts print it: "MYSQL_ROOT_PASSWORD not set"
  new RegExp(String.raw`\b(?:[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+) (?:not set|unset|not defined|not provided)\b`),
  /Did you forget to (?:add|set|pass) -e \w+/,
  // Python's os.environ raising for a variable nobody set, whatever the variable is called
  /\braise KeyError\(key\) from None\b/,
  /\bConnectionString property has not been initiali[sz]ed\b/,
  /\S+\.(?:conf|ya?ml|json|toml|ini|cfg|properties)\b['"]? is not a file or does not exist\b/i,
  new RegExp(String.raw`\b(?:${ENV_NAME})\b[^.]{0,40}?\b(?:is (?:not set|unset|missing|required|empty|undefined|not defined|blank)|is an? (?:required|mandatory) (?:env(?:ironment)? )?(?:variable|setting|parameter|value|option)|must be (?:set|provided|defined|specified|non-empty)|not (?:set|provided|defined|found) in (?:the )?env|was not (?:set|provided))`),
  /\b(?:env(?:ironment)?(?: var(?:iable)?s?)?|config(?:uration)?(?: (?:key|value|option|setting)s?)?|settings?)\b[^.]{0,60}?\b(?:is |are )?(?:not set|unset|missing|not defined|not provided|must be (?:set|provided|defined|specified))\b/i,
  new RegExp(String.raw`\b[Mm]issing:? ['"\x60]?(?:${ENV_NAME})['"\x60]?(?:\.|\s|$|~)`),
  /\bmissing (?:required )?(?:env(?:ironment)?(?: var(?:iable)?s?)?|config(?:uration)?(?: (?:key|value|file|option)s?)?|settings?|secrets?|api[ _-]?keys?|credentials?|properties|property)\b/i,
  /\brequired (?:env(?:ironment)? var(?:iable)?|config(?:uration)?(?: key| value)?|key|setting|property|variable)s?\b[^.]{0,50}?\b(?:missing|not set|not found|is empty|missing value|not provided)/i,
  /\brequired key \S+ missing value/i,
  /Could not resolve placeholder '[^']+'/,
  /field required \(type=value_error\.missing\)|Field required \[type=missing/,
  /\bValidationError: \d+ validation errors? for \w*(?:Settings|Config)/,
  /Missing `?secret_key_base`?/i,
  /\b(?:open|read|load|stat|reading|loading|opening)\b[^:]{0,40}?\S+\.(?:ya?ml|json|toml|ini|conf|cfg|properties|env|pem|crt|key|cert)\b['"]?: (?:no such file or directory|The system cannot find)/i,
  /FileNotFoundError: .*\.(?:ya?ml|json|toml|ini|conf|cfg|properties|env|pem|crt|key)\b/i,
  /ENOENT: no such file or directory, (?:open|stat|scandir) '[^']*(?:config|secret|\.(?:ya?ml|json|toml|ini|conf|env|pem|crt|key))[^']*'/i,
  /\bconfig(?:uration)? file\b(?:[^.\n]|\.\w){0,60}?\b(?:not found|does not exist|is missing|missing|could not be (?:found|read|loaded))/i,
  /\bImproperlyConfigured: |\bSet the \w+ (?:env(?:ironment)? )?(?:variable|setting)\b/,
  /\buninitiali[sz]ed and (?:superuser )?password (?:option )?is not specified|\bYou (?:must|need to) specify (?:one of the following|\w+_PASSWORD)/i,
  /Value cannot be null\.? \(Parameter '\w*(?:[Cc]onnection|[Kk]ey|[Ss]ecret|[Tt]oken|[Pp]assword|[Uu]rl|[Uu]ri)\w*'\)/,
  /\b(?:password|token|api[_ -]?key|secret|credentials?|dsn|connection string|database url)\b[^.]{0,30}?\b(?:is )?(?:not set|missing|empty|not provided|is required|required but)/i,
  /process\.env\.\w+ (?:is )?undefined/i,
  // a start script run with `set -u` names the variable nobody set
  /: (?:line \d+: )?[A-Z][A-Z0-9_]*: (?:unbound variable|parameter not set)$/,
];

/** The app reached its dependency but was turned away: usually a wrong or missing Secret value. */
const CREDENTIALS: RegExp[] = [
  /password authentication failed/i,
  /Access denied for user/i,
  /NOAUTH Authentication required|WRONGPASS/i,
  /\bauthentication failed\b/i,
  /\binvalid (?:credentials|api[ _-]?key|token)\b/i,
  /\bSASL authentication\b.*\bfail/i,
];

const DEPENDENCY: RegExp[] = [
  /\bconnection refused\b|\bECONNREFUSED\b/i,
  /\bno such host\b|\bENOTFOUND\b|\bEAI_AGAIN\b|Name or service not known|Temporary failure in name resolution|could not translate host name|\bUnknownHostException\b|nodename nor servname|Name does not resolve|getaddrinfo failed|: server misbehaving\b/i,
  /\bi\/o timeout\b|\bETIMEDOUT\b|\bconnection timed out\b|\bconnect timed out\b|timed out (?:while |after \S+ )?(?:connecting|waiting for (?:the )?(?:server|connection|database))|Connection attempt timed out/i,
  /\bno route to host\b|\bEHOSTUNREACH\b|\bnetwork is unreachable\b|\bENETUNREACH\b/i,
  /\bdial tcp:? (?:\S+: )?(?:connect|lookup)\b/i,
  /could not connect to (?:server|database|the database|redis|mongo)|can'?t connect to (?:\w+ )?(?:server|database)|cannot connect to|unable to connect to|failed to connect to|error connecting to|Connection to \S+ refused|Communications link failure|ServerSelectionTimeoutError|MongoServerSelectionError|MongoNetworkError|client has run out of available brokers|could not be established\. Broker may not be available|Is the server running on host|dial tcp [^:]*:?\d*: (?:connect|lookup)/i,
  /\bUNAVAILABLE: (?:io exception|upstream connect error)/,
  /DNS resolution failed|could(?:n't| not) resolve (?:host|server|address)|No resolvable bootstrap urls|Unable to resolve host/i,
  /\bredis\.exceptions\.ConnectionError|OperationalError: \(?[\w.]*\)? ?could not connect|OperationalError: \(2003/,
];

const APP_ERROR: RegExp[] = [
  /Traceback \(most recent call last\)/,
  /^panic: /,
  /\bObserved a panic\b|^goroutine \d+ \[running/,
  /^thread '[^']*' panicked at\b/,
  /^fatal error: (?:concurrent map|all goroutines are asleep|stack overflow)/,
  /"(?:LogLevel|severity|level)"\s*:\s*"(?:Error|Critical|Fatal)"/,
  /^(?:Uncaught |Unhandled )?(?:[\w.$]+\.)?[A-Z]\w*(?:Error|Exception)\b(?::|\s*$|\s+at\b| in thread)/,
  /\bException in thread\b/,
  /Unhandled(?: promise)? (?:exception|rejection|error)|UnhandledPromiseRejection/i,
  /^\s*at [\w$.<>]+ ?\(.*:\d+(?::\d+)?\)\s*$/,
  /^\s*File ".*", line \d+/,
  /\bfatal(?: error)?:/i,
  /\b(?:FATAL|CRITICAL|ERROR|ERR)\b/,
  /\blevel=(?:error|fatal|panic)\b|"level"\s*:\s*"(?:error|fatal|panic|critical)"/i,
  /\baddress already in use\b|\bEADDRINUSE\b/i,
  /\bRead-only file system\b|\bEROFS\b|\bEACCES\b|\bpermission denied\b/i,
  /rake aborted!|Error: .+/,
  /\((?:[A-Z]\w*::)*[A-Z]\w*(?:Error|Exception)\)\s*$/,
  /\bundefined method\b|\bnil:NilClass\b/,
  // a start script the shell cannot parse, or a step in it the system refuses
  /: syntax error(?: near unexpected token|: unexpected)\b|: line \d+: .*: bad substitution/,
  /^(?:chown|chmod|mkdir|cp|mv|ln|touch): .*: Operation not permitted$/,
];

const SHUTDOWN: RegExp[] = [
  /received (?:signal )?(?:SIGTERM|SIGINT|terminated|TERM)\b/i,
  /\bSIGTERM (?:received|caught)\b|caught (?:signal|SIGTERM)|signal: terminated|got signal 15|signal 15 received/i,
  /\b(?:graceful(?:ly)? shut(?:ting)? ?down|shutting down gracefully|starting (?:graceful )?shutdown)/i,
];

/** Go turns a nil dereference into a panic that mentions SIGSEGV; that is a code bug, not a native crash. */
const GO_RUNTIME_PANIC: RegExp[] = [/^panic: runtime error/, /^\[signal SIGSEGV: segmentation violation/];

const GROUPS: [LogSignalKind, RegExp[]][] = [
  ['app-error', GO_RUNTIME_PANIC],
  ['bad-command', BAD_COMMAND],
  ['segfault', SEGFAULT],
  ['memory', MEMORY],
  ['missing-config', MISSING_CONFIG],
  ['credentials', CREDENTIALS],
  ['dependency', DEPENDENCY],
  ['shutdown', SHUTDOWN],
  ['app-error', APP_ERROR],
];

/**
 * The runtime's own report that it could not start a container. Unless it
 * names a command that cannot run, it speaks of the node (mounts, cgroups,
 * SELinux), not of the app, and is no evidence of an app error.
 */
const RUNTIME_START_FAILURE = /Cannot start container|failed to (?:create|start) (?:containerd task|shim)|OCI runtime (?:create|start) failed|Error response from daemon|starting container process caused|container init caused/i;

/** The kubelet's probe reports, which a paste can mix into log text but which the app never prints. */
const KUBELET_PROBE_LINE = /\b(?:Liveness|Readiness|Startup) probe (?:failed|errored)\b/;

/** Groups specific enough to be read across a wrapped line without inventing a match. */
const WRAPPED_GROUPS: RegExp[] = [...BAD_COMMAND, ...SEGFAULT];

/** Every line that matches a failure pattern, first matching group wins per line. */
export function scanLines(lines: string[]): LogSignal[] {
  const signals: LogSignal[] = [];
  lines.forEach((line, index) => {
    if (line.length > 2000) line = line.slice(0, 2000);
    // a message wrapped by a tracker or terminal reads as one line again when its tail starts in lower case
    const next = lines[index + 1];
    if (next !== undefined && /[a-z,:]$/.test(line.trimEnd()) && /^\s*[a-z]/.test(next) && !WRAPPED_GROUPS.some((p) => p.test(line))) {
      const joined = `${line.trimEnd()} ${next.trim()}`;
      if (WRAPPED_GROUPS.some((p) => p.test(joined))) line = joined;
    }
    if (KUBELET_PROBE_LINE.test(line)) return;
    if (RUNTIME_START_FAILURE.test(line) && !BAD_COMMAND.some((p) => p.test(line))) return;
    for (const [kind, patterns] of GROUPS) {
      if (patterns.some((p) => p.test(line))) {
        signals.push({ kind, line: line.trim(), index, level: levelOf(line) });
        return;
      }
    }
  });
  return signals;
}

/** klog writes the level as the first letter of the line: E0202 02:35:28.127879 ... */
const KLOG = /^\s*([IWEF])\d{4} \d\d:\d\d:\d\d/;

function levelOf(line: string): LogSignal['level'] {
  const klog = KLOG.exec(line)?.[1];
  if (klog) return klog === 'I' ? 'info' : klog === 'W' ? 'warn' : 'error';
  const match = /\b(?:level[=:]\s*"?)?(DEBUG|INFO|WARN(?:ING)?|ERROR|FATAL|PANIC|CRITICAL|CRIT|ERR)\b/i.exec(line);
  if (!match) return undefined;
  const word = match[1]!.toUpperCase();
  if (word === 'DEBUG') return 'debug';
  if (word === 'INFO') return 'info';
  if (word.startsWith('WARN')) return 'warn';
  return 'error';
}

/** True when the text matches one of the patterns. */
export function matchesAny(text: string, patterns: RegExp[]): boolean {
  return patterns.some((p) => p.test(text));
}

export interface ListenPort {
  port: number;
  line: string;
  loopbackOnly: boolean;
}

const LISTEN: RegExp[] = [
  /\blisten(?:ing|s)?\s+(?:on|at)\s*:?\s+(?:(?:https?|tcp|grpc):\/\/)?(\[[:\w]*\]|[\w.*-]+)?:(\d{2,5})\b/i,
  /\blisten(?:ing|s)?\s+(?:on|at)\s*:?\s+(\[[:\w]*\]|[\w.*-]+)?:?(\d{2,5})\b/i,
  /\blisten(?:ing)?\s+(?:on\s+)?port\s*[:=]?\s*:?()(\d{2,5})\b/i,
  /\b(?:Tomcat|Jetty|Netty|Undertow|Kestrel)\b.*?started on port\(?s?\)?:?\s*()(\d{2,5})\b/i,
  /\b(?:running|serving|server (?:started|running|listening|is running|is listening)|started server|starting (?:\w+ )?server|http server started|bound|binding)\b[^\n]{0,40}?(?:(?:https?|tcp):\/\/)?(\[[:\w]*\]|[\d.]+|localhost|0\.0\.0\.0)?:(\d{2,5})\b/i,
  /\b(?:running|serving|server (?:started|running|listening)|started server|starting (?:\w+ )?server)\b[^\n]{0,40}?\bport\s*:?\s*()(\d{2,5})\b/i,
  // structured startup lines: listen_address=:9203, "bindAddr":"0.0.0.0:8080", http_port=3000
  /\b(?:listen|bind)(?:[_.-]?(?:addr(?:ess)?|port))?"?\s*[=:]\s*"?(\[[:\w]*\]|[\w.*-]+)?:(\d{2,5})\b/i,
  /\b(?:listen|bind|http|server)[_.-]?port"?\s*[=:]\s*"?()(\d{2,5})\b/i,
];

/** Ports the app says it listens on, from its own startup lines. */
export function listenPorts(lines: string[]): ListenPort[] {
  const ports: ListenPort[] = [];
  for (const line of lines) {
    if (/refused|unable|failed|error|cannot|could not/i.test(line)) continue;
    for (const pattern of LISTEN) {
      const match = pattern.exec(line);
      if (!match) continue;
      const port = Number(match[2]);
      if (port < 1 || port > 65535) continue;
      const host = match[1] ?? '';
      ports.push({ port, line: line.trim(), loopbackOnly: /^(127\.0\.0\.1|localhost|\[::1\])$/.test(host) });
      break;
    }
  }
  return ports;
}

export interface ProbeFailure {
  kind: 'liveness' | 'readiness' | 'startup';
  outcome: 'refused' | 'timeout' | 'status' | 'exec' | 'other';
  port?: number;
  statusCode?: number;
}

/** Reads an Unhealthy event message such as "Liveness probe failed: Get "http://10.1.0.5:8080/healthz": dial tcp 10.1.0.5:8080: connect: connection refused". */
export function readProbeFailure(message: string): ProbeFailure | undefined {
  const match = /\b(Liveness|Readiness|Startup) probe (?:failed|errored)\b:?\s*(.*)$/is.exec(message);
  if (!match) return undefined;
  const kind = match[1]!.toLowerCase() as ProbeFailure['kind'];
  const detail = match[2] ?? '';
  const port = Number(/(?:dial tcp|https?:\/\/)\s*\[?[\w.:-]*?\]?:(\d{1,5})\b/.exec(detail)?.[1] ?? NaN);
  const statusCode = Number(/status ?code:? (\d{3})/i.exec(detail)?.[1] ?? NaN);
  const outcome: ProbeFailure['outcome'] = /connection refused|connect: cannot assign/i.test(detail)
    ? 'refused'
    : /timeout|deadline exceeded|timed out/i.test(detail)
      ? 'timeout'
      : !Number.isNaN(statusCode)
        ? 'status'
        : /exec|OCI runtime|command/i.test(detail) || detail === ''
          ? 'exec'
          : 'other';
  return {
    kind,
    outcome,
    port: Number.isNaN(port) ? undefined : port,
    statusCode: Number.isNaN(statusCode) ? undefined : statusCode,
  };
}

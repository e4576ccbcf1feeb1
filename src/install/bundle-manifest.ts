// The manifest of the Claude Desktop extension bundle (.mcpb): our server entry, as every registration writes it,
// with the settings a user picks in Desktop's Extensions page in place of a hand-edited env.
import { buildServerEntry, ENTRY_FROM_PACKAGE_ROOT } from './server-entry.js';

export const MANIFEST_VERSION = '0.3';

interface BundleSetting {
  env: string;
  type: 'string' | 'number' | 'boolean' | 'directory' | 'file';
  title: string;
  description: string;
  // Every setting has a default: Desktop leaves `${user_config.KEY}` as it is in the env when a setting has none.
  default: string | number | boolean;
  min?: number;
  max?: number;
}

// An empty string means "not set": the server then applies its own default, the same as without the bundle.
export const BUNDLE_SETTINGS: Record<string, BundleSetting> = {
  claude_cli: {
    env: 'CLAUDE_CLI_PATH',
    type: 'file',
    title: 'Claude Code CLI',
    description: "The claude program jobs run. Leave empty to search PATH and the usual install places; pick it here if jobs say claude was not found (Desktop's PATH is short).",
    default: '',
  },
  job_dir: {
    env: 'CLAUDE_ASYNC_JOB_DIR',
    type: 'directory',
    title: 'Job directory',
    description: "Where jobs, their transcripts and results are kept. Empty: .claude-async-jobs in your home folder.",
    default: '',
  },
  default_folder: {
    env: 'CLAUDE_ASYNC_DEFAULT_CWD',
    type: 'directory',
    title: 'Default work folder',
    description: 'The folder a job works in when the request names none. Empty: your home folder.',
    default: '',
  },
  max_parallel: {
    env: 'CLAUDE_ASYNC_MAX_PARALLEL',
    type: 'number',
    title: 'Parallel jobs',
    description: 'How many jobs run at once; more wait in a queue. 0 means no limit.',
    default: 4,
    min: 0,
    max: 64,
  },
  is_sandbox: {
    env: 'IS_SANDBOX',
    type: 'boolean',
    title: 'Running as root in a sandbox (Linux)',
    description:
      'Only when Claude Desktop runs as root, in a container or VM you trust: lets jobs skip permission prompts, which claude otherwise refuses as root. Leave off everywhere else.',
    default: false,
  },
};

export function buildBundleManifest(pkg: { version: string; description: string; license: string }): Record<string, unknown> {
  const env = Object.fromEntries(Object.entries(BUNDLE_SETTINGS).map(([key, setting]) => [setting.env, `\${user_config.${key}}`]));
  const entry = buildServerEntry({ command: 'node', entryPath: `\${__dirname}/${ENTRY_FROM_PACKAGE_ROOT.join('/')}`, env });
  const userConfig = Object.fromEntries(
    Object.entries(BUNDLE_SETTINGS).map(([key, { env: _env, ...setting }]) => [key, { ...setting, required: false }]),
  );
  return {
    manifest_version: MANIFEST_VERSION,
    name: 'claude-async',
    display_name: 'Claude Code background jobs (claude-async)',
    version: pkg.version,
    description: pkg.description,
    author: { name: 'claude-async contributors' },
    license: pkg.license,
    keywords: ['claude-code', 'background-jobs', 'mcp'],
    server: {
      type: 'node',
      entry_point: ENTRY_FROM_PACKAGE_ROOT.join('/'),
      mcp_config: { command: entry.command, args: entry.args, env: entry.env ?? {} },
    },
    tools_generated: true,
    compatibility: { platforms: ['darwin', 'win32', 'linux'], runtimes: { node: '>=20.0.0' } },
    user_config: userConfig,
  };
}

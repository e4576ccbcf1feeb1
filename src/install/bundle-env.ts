// Desktop hands a bundle's settings to the server as text: a boolean as "true"/"false", an unset one as "". claude
// takes IS_SANDBOX as "1" only, so the server puts it in that form before anything reads it.
export function normalizeBundleEnv(env: NodeJS.ProcessEnv): void {
  if (env.IS_SANDBOX === 'true') env.IS_SANDBOX = '1';
  else if (env.IS_SANDBOX === 'false' || env.IS_SANDBOX === '') delete env.IS_SANDBOX;
}

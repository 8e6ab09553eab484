import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import express from 'express';
import { Kind, parse, print, type OperationDefinitionNode } from 'graphql';
import type { GatewayConfig } from './config';

/**
 * The analysts' IDE, served by the gateway itself so it works on an intranet with no internet:
 * GraphiQL's prebuilt browser bundle and React's, from the gateway's own node_modules (the npm
 * packages, no CDN), our page and script beside them (gateway/ide/). The page asks for a bearer
 * token, introspects through /graphql like any client (so the gateway's introspection policy
 * decides who sees the docs), and opens the reviewed operations of schema/operations/ as tabs.
 * A Content-Security-Policy keeps every request of the page on this origin.
 */
const PAGE_DIR = join(__dirname, '..', 'ide');

/** A package's own folder (its "exports" hide the prebuilt bundles from require.resolve). */
const packageDir = (name: string) => dirname(require.resolve(`${name}/package.json`));

const ASSETS: Record<string, [string, string]> = {
  'graphiql.min.js': ['graphiql', 'graphiql.min.js'],
  'graphiql.min.css': ['graphiql', 'graphiql.min.css'],
  'react.production.min.js': ['react', 'umd/react.production.min.js'],
  'react-dom.production.min.js': ['react-dom', 'umd/react-dom.production.min.js'],
};

const CSP = [
  "default-src 'self'",
  "connect-src 'self'",
  "img-src 'self' data:",
  "font-src 'self' data:",
  // GraphiQL and CodeMirror set style attributes at run time
  "style-src 'self' 'unsafe-inline'",
  "script-src 'self'",
  "frame-ancestors 'none'",
].join('; ');

/** A reviewed operation as the IDE opens it: its text and the variables it declares. */
export interface IdeOperation {
  file: string;
  name: string;
  query: string;
  variables: string[];
}

export function reviewedOperations(dir: string): IdeOperation[] {
  let files: string[] = [];
  try {
    files = readdirSync(dir)
      .filter((f) => f.endsWith('.graphql'))
      .sort();
  } catch {
    return [];
  }
  return files.map((file) => {
    const query = readFileSync(join(dir, file), 'utf8');
    const op = parse(query).definitions.find((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION);
    return {
      file,
      name: op?.name?.value ?? file.replace(/\.graphql$/, ''),
      query: print(parse(query)),
      variables: (op?.variableDefinitions ?? []).map((v) => v.variable.name.value),
    };
  });
}

export function ideRoutes(config: GatewayConfig): express.Router {
  const router = express.Router();
  if (!config.IDE) return router;
  const operations = reviewedOperations(config.TRUSTED_OPERATIONS_DIR);
  router.get('/', (_req, res) => res.redirect(302, '/ide'));
  router.use('/ide', (_req, res, next) => {
    res.setHeader('content-security-policy', CSP);
    res.setHeader('x-content-type-options', 'nosniff');
    next();
  });
  router.get('/ide', (_req, res) => res.sendFile(join(PAGE_DIR, 'index.html')));
  router.get('/ide/operations.json', (_req, res) => res.json(operations));
  for (const [file, [pkg, path]] of Object.entries(ASSETS)) {
    const full = join(packageDir(pkg), path);
    // pnpm keeps packages under node_modules/.pnpm: a dot folder send() refuses unless told
    router.get(`/ide/assets/${file}`, (_req, res) => res.sendFile(full, { maxAge: '1d', immutable: true, dotfiles: 'allow' }));
  }
  router.use('/ide', express.static(PAGE_DIR, { index: false }));
  return router;
}

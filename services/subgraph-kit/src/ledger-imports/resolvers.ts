import { fieldPrefix, type Department } from '@district/common';
import type { RequestContext } from '../context';
import type { LedgerImports } from './service';

function importsOf(ctx: RequestContext): LedgerImports {
  if (!ctx.ledgerImports) throw new Error('this subgraph was started without its ledgers');
  return ctx.ledgerImports;
}

type Args = Record<string, any>;
type Resolver = (parent: unknown, args: Args, ctx: RequestContext) => unknown;

/**
 * A subgraph's ledger import fields, named after it (federation routes a root field by its name, so
 * each subgraph's are its own: workforcePreviewLedgerImport, gigCareLedgerImport …). Declared in
 * each schema.graphql; the types they return are the kit's (shared.graphql).
 */
export function ledgerImportResolvers<R>(service: Department): R {
  const p = fieldPrefix(service);
  const resolvers: { Query: Record<string, Resolver>; Mutation: Record<string, Resolver> } = {
    Query: {
      [`${p}LedgerImport`]: (_, args, ctx) => importsOf(ctx).get(ctx.caller, args.id),
      [`${p}LedgerImports`]: (_, args, ctx) => importsOf(ctx).list(ctx.caller, args),
      [`${p}LedgerRowImports`]: (_, args, ctx) => importsOf(ctx).rowImports(ctx.caller, args.key),
    },
    Mutation: {
      [`${p}PreviewLedgerImport`]: (_, args, ctx) => importsOf(ctx).preview(ctx.caller, args.id, args),
      [`${p}CommitLedgerImport`]: (_, args, ctx) => importsOf(ctx).commit(ctx.caller, args.previewId),
    },
  };
  // the field names are computed, so the subgraph's generated Resolvers type cannot check them here: its codegen checks the SDL
  return resolvers as unknown as R;
}

/** A source problem (see core/sources) in the user's language, naming the field. */
import type { ImportErrorCode, ImportProblem } from '../core/sources/custom';
import type { ValueKind } from '../core/sources/schema';
import { t, type MessageKey } from '../ui/i18n';

const messages: Record<ImportErrorCode, MessageKey> = {
  object: 'srcErrObject',
  'unknown-field': 'srcErrUnknownField',
  array: 'srcErrArray',
  empty: 'srcErrEmpty',
  'too-many': 'srcErrTooMany',
  format: 'srcErrFormat',
  name: 'srcErrName',
  'pattern-length': 'srcErrPatternLength',
  'pattern-compile': 'srcErrPatternCompile',
  'pattern-id': 'srcErrPatternId',
  'template-id': 'srcErrTemplateId',
  'template-md': 'srcErrTemplateMd',
  'template-braces': 'srcErrTemplateBraces',
  'template-segments': 'srcErrTemplateSegments',
  'template-folder-capture': 'srcErrTemplateFolderCapture',
  'lookup-folder': 'srcErrLookupFolder',
  folders: 'srcErrFolders',
  'duplicate-folder': 'srcErrDuplicateFolder',
  kind: 'srcErrKind',
  json: 'srcErrJson',
  'import-shape': 'srcErrImportShape',
  'duplicate-id': 'srcErrDuplicateId',
  'builtin-id': 'srcErrBuiltinId',
  'too-large': 'srcErrTooLarge',
  'too-many-sources': 'srcErrTooManySources',
};

const kinds: Record<ValueKind, MessageKey> = {
  domain: 'srcKindDomain',
  host: 'srcKindHost',
  owner: 'srcKindOwner',
  repo: 'srcKindRepo',
  branch: 'srcKindBranch',
  template: 'srcKindTemplate',
  folder: 'srcKindFolder',
  'former-name': 'srcKindFormerName',
};

export function describeSourceProblem(problem: ImportProblem): string {
  const args =
    problem.code === 'format'
      ? [t(kinds[problem.args[0] as ValueKind] ?? 'srcKindHost'), problem.args[1] ?? '']
      : problem.args;
  return t(messages[problem.code], [problem.at, ...args]);
}

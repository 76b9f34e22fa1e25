import { fieldOfHeader, sameHeader } from '../core/model/roster-map.js';
import type { YamlFieldProblem } from './yaml-files.js';

interface RosterSection {
  map?: Record<string, string>;
  ignore?: string[];
}

function rosterSection(config: unknown): RosterSection | undefined {
  if (typeof config !== 'object' || config === null) return undefined;
  return (config as { roster?: RosterSection }).roster;
}

/**
 * The rules of badgesmith.yaml's `roster` section that its JSON Schema cannot state: a
 * `roster.ignore` header is not blank, is not a field's own header (`email`, `name`...) while
 * roster.map leaves that field there, and is not also a header `roster.map` reads (a column is
 * either read or ignored). Runs on the schema-valid value, so the shapes are known.
 *
 * @example rosterConfigProblem({ roster: { ignore: ['  '] } })?.problem // "field 'roster.ignore.0' is blank"
 */
export function rosterConfigProblem(config: unknown): YamlFieldProblem | undefined {
  const roster = rosterSection(config);
  const ignore = roster?.ignore ?? [];
  for (const [i, header] of ignore.entries()) {
    const path = ['roster', 'ignore', String(i)];
    if (header.trim() === '') {
      return {
        path,
        problem: `field 'roster.ignore.${i}' is blank`,
        hint: 'write the header of a column that holds other data, or delete the item',
      };
    }
    const own = fieldOfHeader(header, roster?.map ?? {});
    if (own !== undefined && roster?.map?.[own as keyof typeof roster.map] === undefined) {
      return {
        path,
        problem: `roster.ignore names '${header.trim()}', the header badgesmith reads as the ${own} field`,
        hint: `a column of that name is always read: delete '${header.trim()}' from roster.ignore, or read ${own} from another column with roster.map (\`${own}: <header>\`)`,
      };
    }
    const mapped = Object.entries(roster?.map ?? {}).find(([, wanted]) =>
      sameHeader(wanted, header),
    );
    if (mapped !== undefined) {
      const [field, wanted] = mapped;
      return {
        path,
        problem: `roster.ignore names '${header.trim()}', the column roster.map reads as ${field}`,
        hint: `a column is either read or ignored: delete '${header.trim()}' from roster.ignore, or the \`${field}: ${wanted}\` line from roster.map`,
      };
    }
  }
  return undefined;
}

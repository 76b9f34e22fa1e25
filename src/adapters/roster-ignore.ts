import { BadgesmithError } from '../core/errors.js';
import type { IssuerConfig } from '../core/model/config.js';
import { sameHeader, type IgnoreColumns, type RosterMap } from '../core/model/roster-map.js';
import { readInputText } from './files.js';
import { yamlFieldPosition } from './yaml-files.js';

/** What a run was told about its roster's columns: the `--map` and `--ignore-column` values. */
export interface RosterFlags {
  map: RosterMap;
  ignore: readonly string[];
}

function mappedField(map: RosterMap, header: string): [string, string] | undefined {
  return Object.entries(map).find(([, wanted]) => sameHeader(wanted, header));
}

async function where(configPath: string, path: string[], key?: string): Promise<string> {
  return yamlFieldPosition(await readInputText(configPath, 'config'), configPath, path, key);
}

function conflict(message: string, hint: string): BadgesmithError {
  return new BadgesmithError('ERR_USAGE_CONFLICT', message, { hint });
}

/**
 * The columns a run leaves unread: `roster.ignore` from badgesmith.yaml (which a roster may lack)
 * and the `--ignore-column` values (which it must have). A column cannot be both read and
 * ignored: a header that one of them ignores and `--map` or `roster.map` reads is
 * ERR_USAGE_CONFLICT, naming the badgesmith.yaml line involved. (roster.ignore against roster.map
 * is checked when the file is loaded.)
 *
 * @example await runIgnoreColumns(config, 'badgesmith.yaml', { map: {}, ignore: ['Notes'] })
 */
export async function runIgnoreColumns(
  config: Pick<IssuerConfig, 'roster'>,
  configPath: string,
  flags: RosterFlags,
): Promise<IgnoreColumns> {
  const yamlMap = config.roster?.map ?? {};
  const yamlIgnore = config.roster?.ignore ?? [];
  for (const header of flags.ignore) {
    const byFlag = mappedField(flags.map, header);
    if (byFlag !== undefined) {
      throw conflict(
        `--ignore-column '${header}' names the column --map ${byFlag[0]} reads`,
        `a column is either read or ignored: drop --ignore-column "${header}" or --map ${byFlag[0]}="${byFlag[1]}"`,
      );
    }
    const byYaml = mappedField(yamlMap, header);
    // A --map for the same field replaces the roster.map line, which then reads nothing.
    if (byYaml !== undefined && flags.map[byYaml[0] as keyof RosterMap] === undefined) {
      const at = await where(configPath, ['roster', 'map'], byYaml[0]);
      throw conflict(
        `--ignore-column '${header}' names the column roster.map reads as ${byYaml[0]} at '${at}'`,
        `a column is either read or ignored: drop --ignore-column "${header}", or read ${byYaml[0]} from another column with --map ${byYaml[0]}="<header>"`,
      );
    }
  }
  for (const [i, header] of yamlIgnore.entries()) {
    const byFlag = mappedField(flags.map, header);
    if (byFlag !== undefined) {
      const at = await where(configPath, ['roster', 'ignore', String(i)]);
      throw conflict(
        `--map ${byFlag[0]} reads column '${byFlag[1]}', which roster.ignore ignores at '${at}'`,
        `a column is either read or ignored: delete '${header}' from roster.ignore in '${configPath}', or map ${byFlag[0]} to another column`,
      );
    }
  }
  return { columns: flags.ignore, ifPresent: yamlIgnore };
}

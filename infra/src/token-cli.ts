import { isRegionCode, normaliseRegionCode, ROLES, SUBGRAPHS, type Caller, type Department, type Role } from '@district/common';
import { readLocalConfig } from './config';
import { localSecrets } from './secrets';
import { issueToken } from './tokens';

/**
 * `pnpm token --role STREET --region 410106002000`: a bearer token for the local stack (signed with the
 * JWT secret of its data directory), for any role and node, not only the demo ones `pnpm start` prints.
 * `--department <subgraph>` for DEPARTMENT, `--ttl 2h` (default 12h). SERVICE is the subgraphs' own role
 * and is never issued.
 */
function fail(message: string): never {
  console.error(
    `${message}\nusage: pnpm token --role <${ROLES.filter((r) => r !== 'SERVICE').join('|')}> [--region <code>] [--department <${SUBGRAPHS.map((s) => s.name).join('|')}>] [--ttl 12h]`,
  );
  process.exit(2);
}

async function main() {
  const argv = process.argv.slice(2);
  const get = (name: string) => {
    const i = argv.indexOf(`--${name}`);
    return i >= 0 ? argv[i + 1] : undefined;
  };
  const role = get('role') as Role | undefined;
  if (!role || !ROLES.includes(role) || role === 'SERVICE') fail(`--role: 角色无效 / not a role: ${role ?? '(none)'}`);
  const region = get('region');
  if (region !== undefined && !isRegionCode(region)) fail(`--region: 区划代码无效 / not a region code: ${region}`);
  if ((role === 'STREET' || role === 'COMMUNITY') && !region) fail(`--region: ${role} 须指定辖区 / ${role} needs its region`);
  const department = get('department') as Department | undefined;
  if (role === 'DEPARTMENT' && !SUBGRAPHS.some((s) => s.name === department))
    fail(`--department: 部门无效 / not a department: ${department ?? '(none)'}`);
  const caller: Caller = {
    subject: `local-${role.toLowerCase()}${region ? `-${region}` : ''}${department ? `-${department}` : ''}`,
    roles: [role],
    ...(role === 'DEPARTMENT' ? { department } : {}),
    ...(region ? { regionScope: normaliseRegionCode(region) } : {}),
  };
  const config = readLocalConfig();
  const secrets = localSecrets(config.DATA_DIR, {
    jwtSecret: config.JWT_SECRET,
    internalSecret: config.INTERNAL_SECRET,
    personKey: config.PERSON_KEY,
  });
  console.log(await issueToken(caller, secrets.jwtSecret, get('ttl') ?? '12h'));
}

main().catch((e) => {
  console.error(`token failed: ${(e as Error).message}`);
  process.exit(1);
});

import { withStack } from './connect';
import { annualReport, onlyDistrict } from './report';

/**
 * `pnpm report --region CODE --year YYYY`: the work report's figures for any node and year, as JSON.
 * Without --region: the deployment's district, when it holds one.
 */
function args(argv: string[]): { region?: string; year: number } {
  const get = (name: string) => {
    const i = argv.indexOf(`--${name}`);
    return i >= 0 ? argv[i + 1] : undefined;
  };
  const region = get('region');
  const year = Number(get('year') ?? new Date().getFullYear() - 1);
  if ((region !== undefined && !/^\d{6}(\d{6})?$/.test(region)) || !Number.isInteger(year)) {
    console.error('usage: pnpm report --region <6- or 12-digit region code> --year <YYYY>');
    process.exit(2);
  }
  return { region, year };
}

async function main() {
  const { region, year } = args(process.argv.slice(2));
  const figures = await withStack(
    async (stack) => annualReport(stack, region ?? (await onlyDistrict(stack)), year),
    (l) => console.error(l),
  );
  console.log(JSON.stringify(figures, null, 2));
}

main().catch((e) => {
  console.error(`report failed: ${(e as Error).message}`);
  process.exit(1);
});

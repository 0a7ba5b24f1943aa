/**
 * The container and GitHub Pages files, checked without a container engine or GitHub: each
 * passes a linter from npm (dockerfile-utils for deploy/Containerfile, action-validator's schema
 * check for the workflow), and each agrees with the rest of the project: the Node it builds
 * with, the nginx.conf root it copies dist/ to, the build command and folder it publishes.
 */
import { readFileSync } from 'node:fs';
import { validateWorkflow } from '@action-validator/core';
import { validate } from 'dockerfile-utils';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';

const CONTAINERFILE = 'deploy/Containerfile';
const WORKFLOW = '.github/workflows/pages.yml';
const containerfile = readFileSync(CONTAINERFILE, 'utf8');
const nodeMajor = /\d+/.exec(JSON.parse(readFileSync('package.json', 'utf8')).devDependencies.node)![0];

describe(CONTAINERFILE, () => {
  it('has no lint findings (dockerfile-utils)', () => {
    expect(validate(containerfile).map((d) => `line ${d.range.start.line + 1}: ${d.message}`)).toEqual([]);
  });

  it('builds with the pinned Node major and serves dist/ from the root of deploy/nginx.conf', () => {
    const froms = [...containerfile.matchAll(/^FROM (\S+)(?: AS (\S+))?$/gm)].map((m) => ({ image: m[1]!, stage: m[2] }));
    expect(froms).toHaveLength(2);
    expect(froms[0]!.image).toMatch(new RegExp(`/node:${nodeMajor}[-.]`));
    expect(froms[1]!.image).toMatch(/\/nginx:/);
    const root = /^\s*root (\S+);/m.exec(readFileSync('deploy/nginx.conf', 'utf8'))![1];
    const listen = /^\s*listen (\S+);/m.exec(readFileSync('deploy/nginx.conf', 'utf8'))![1];
    expect(containerfile).toMatch(new RegExp(`^COPY --from=${froms[0]!.stage} /src/dist ${root}$`, 'm'));
    expect(containerfile).toMatch(/^COPY deploy\/nginx\.conf \/etc\/nginx\/conf\.d\/default\.conf$/m);
    expect(containerfile).toMatch(new RegExp(`^EXPOSE ${listen}$`, 'm'));
    // nginx.conf has gzip_static on: the image ships a .gz beside each text file.
    expect(containerfile).toMatch(/^RUN npm run build && npm run precompress$/m);
  });

  it('has its build and run commands in the README', () => {
    const readme = readFileSync('README.md', 'utf8');
    for (const command of containerfile.matchAll(/^#\s+((?:docker|podman) (?:build|run) [^#\n]+?)\s+(?:#|$)/gm)) {
      expect(readme, command[1]).toContain(command[1]!.trim());
    }
  });
});

describe(WORKFLOW, () => {
  it('passes the workflow schema check (action-validator)', () => {
    expect(validateWorkflow(readFileSync(WORKFLOW, 'utf8')).errors).toEqual([]);
  });

  it('builds with the README\'s commands on the pinned Node and publishes dist/', () => {
    const workflow = parse(readFileSync(WORKFLOW, 'utf8'));
    const steps: { uses?: string; run?: string; with?: Record<string, unknown> }[] = workflow.jobs.build.steps;
    expect(steps.find((s) => s.uses?.startsWith('actions/setup-node@'))!.with!['node-version']).toBe(Number(nodeMajor));
    expect(steps.map((s) => s.run).filter(Boolean)).toEqual(expect.arrayContaining(['npm install --no-audit --no-fund', 'npm run build']));
    expect(steps.find((s) => s.uses?.startsWith('actions/upload-pages-artifact@'))!.with!.path).toBe('dist');
    expect(workflow.jobs.deploy.steps.some((s: { uses?: string }) => s.uses?.startsWith('actions/deploy-pages@'))).toBe(true);
  });
});

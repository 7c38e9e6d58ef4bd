import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';

const ROOT = join(__dirname, '..', '..');
const read = (path: string): string => readFileSync(join(ROOT, path), 'utf8');

interface Service {
  readonly image?: string;
  readonly volumes?: string[];
  readonly depends_on?: Record<string, { readonly condition?: string }>;
  readonly profiles?: string[];
  readonly command?: string[];
  readonly environment?: Record<string, string>;
  readonly healthcheck?: { readonly test?: string[] };
}

function services(path: string): Record<string, Service> {
  // Compose resolves YAML merge keys (<<: *anchor); so does this parse.
  return (parse(read(path), { merge: true }) as { services: Record<string, Service> }).services;
}

const EVENTSTOREDB = 'docker.eventstore.com/eventstore/eventstoredb-ee:24.10.4';
const MONGODB = 'mongo:7';
const APP = 'ctmtqg-budget-ledger:latest';
const CERTGEN = 'ghcr.io/eventstore/es-gencert-cli:1.3.0';

describe('the deployment files', () => {
  describe('docker/compose.yml (development)', () => {
    const dev = services('docker/compose.yml');

    it('starts one EventStoreDB node and a one-member MongoDB replica set by default', () => {
      const always = Object.entries(dev).filter(([, s]) => !s.profiles);
      expect(always.map(([name, s]) => [name, s.image])).toEqual([
        ['eventstoredb', EVENTSTOREDB],
        ['mongodb', MONGODB],
      ]);
      expect(dev.eventstoredb?.environment?.EVENTSTORE_CLUSTER_SIZE).toBe('1');
    });

    it('has a secure node, its certificates and the application user’s grant and check only under the secure profile', () => {
      expect(dev['eventstoredb-certs']).toMatchObject({ image: CERTGEN, profiles: ['secure'] });
      expect(dev['eventstoredb-secure']).toMatchObject({
        image: EVENTSTOREDB,
        profiles: ['secure'],
      });
      expect(dev['eventstoredb-secure']?.environment?.EVENTSTORE_INSECURE).toBeUndefined();
      expect(dev['eventstoredb-permissions']).toMatchObject({ image: APP, profiles: ['secure'] });
      expect(dev['eventstoredb-permissions']?.command?.join(' ')).toMatch(
        /eventstoredb-permissions grant && .*eventstoredb-permissions check/,
      );
    });

    it('has the API and a projector only under the app profile, the API without projections', () => {
      expect(dev.api).toMatchObject({ image: APP, profiles: ['app'], command: ['api'] });
      expect(dev.api?.environment).toMatchObject({
        BUDGET_PROJECTIONS: 'off',
        BUDGET_FOLLOW_UPS: 'off',
      });
      expect(dev.projector).toMatchObject({
        image: APP,
        profiles: ['app'],
        command: ['projector'],
      });
    });
  });

  describe('docker/compose.cluster.yml', () => {
    const cluster = services('docker/compose.cluster.yml');
    const named = (prefix: string): [string, Service][] =>
      Object.entries(cluster).filter(([name]) => name.startsWith(prefix));

    it('names only real images: those of compose.yml and the one docker/Dockerfile builds', () => {
      for (const service of Object.values(cluster)) {
        expect([EVENTSTOREDB, MONGODB, APP, CERTGEN]).toContain(service.image);
      }
    });

    it('runs a three-node EventStoreDB cluster, each node seeded with the two others', () => {
      const nodes = named('esdb-').filter(([, s]) => s.image === EVENTSTOREDB);
      expect(nodes).toHaveLength(3);
      for (const [name, node] of nodes) {
        expect(node.environment).toMatchObject({
          EVENTSTORE_CLUSTER_SIZE: '3',
          EVENTSTORE_NODE_HOST_ADVERTISE_AS: name,
        });
        const seeds = node.environment?.EVENTSTORE_GOSSIP_SEED?.split(',') ?? [];
        expect(seeds.sort()).toEqual(
          nodes.filter(([other]) => other !== name).map(([other]) => `${other}:2113`),
        );
      }
    });

    it('runs EventStoreDB with TLS, and the apps as budget-app only once its rights are granted and checked', () => {
      for (const [name, node] of named('esdb-').filter(([, s]) => s.image === EVENTSTOREDB)) {
        expect(node.environment?.EVENTSTORE_INSECURE).toBeUndefined();
        expect(node.environment?.EVENTSTORE_CERTIFICATE_FILE).toBe(`/certs/${name}/node.crt`);
      }
      expect(cluster['esdb-permissions']?.command?.join(' ')).toMatch(
        /eventstoredb-permissions grant && .*eventstoredb-permissions check/,
      );
      for (const [, app] of [
        ...named('api-'),
        ...named('projector-'),
        ['cli', cluster.cli!] as const,
      ]) {
        expect(app.environment?.EVENTSTORE_CONNECTION_STRING).toMatch(
          /^esdb:\/\/budget-app:[^@]+@.*tls=true&tlsCAFile=\/certs\/ca\/ca\.crt/,
        );
        expect(app.depends_on?.['esdb-permissions']?.condition).toBe(
          'service_completed_successfully',
        );
        // The CA certificate alone, read-only: no private key reaches an application.
        expect(app.volumes).toContain('esdb-ca:/certs/ca:ro');
      }
    });

    it('runs a three-member MongoDB replica set with no arbiter', () => {
      expect(named('mongo-')).toHaveLength(3);
      const init = cluster['mongo-1']?.healthcheck?.test?.join(' ') ?? '';
      for (const host of ['mongo-1:27017', 'mongo-2:27017', 'mongo-3:27017']) {
        expect(init).toContain(`host: '${host}'`);
      }
      expect(init).not.toMatch(/arbiterOnly/);
    });

    it('runs two stateless API replicas beside two projectors, on majority reads and writes', () => {
      const apis = named('api-');
      const projectors = named('projector-');
      expect(apis).toHaveLength(2);
      expect(projectors).toHaveLength(2);
      for (const [, api] of apis) {
        expect(api.command).toEqual(['api']);
        expect(api.environment).toMatchObject({
          BUDGET_PROJECTIONS: 'off',
          BUDGET_FOLLOW_UPS: 'off',
          EVENT_STORE: 'eventstoredb',
          READ_STORE: 'mongodb',
        });
        expect(api.environment?.MONGODB_URL).toMatch(/w=majority&readConcernLevel=majority/);
        expect(api.environment?.EVENTSTORE_CONNECTION_STRING).toMatch(/nodePreference=leader/);
      }
      const ids = projectors.map(([, p]) => p.environment?.BUDGET_PROJECTOR_ID);
      expect(new Set(ids).size).toBe(2);
      for (const [, projector] of projectors) expect(projector.command).toEqual(['projector']);
    });

    it('gives the API replicas no state of their own: no writable volume, one shared signing key', () => {
      const apis = named('api-');
      for (const [, api] of apis) {
        // Users, sessions, idempotency records and refusals are in MongoDB (READ_STORE).
        expect(api.volumes).toEqual(['audit-key:/keys:ro', 'esdb-ca:/certs/ca:ro']);
        expect(api.environment?.BUDGET_AUDIT_KEY).toBe('/keys/audit.key');
        expect(api.depends_on?.['audit-key']?.condition).toBe('service_completed_successfully');
      }
      expect(cluster.cli?.volumes).toEqual(['audit-key:/keys:ro', 'esdb-ca:/certs/ca:ro']);
      expect(cluster['audit-key']?.volumes).toEqual(['audit-key:/keys']);
      expect(read('docker/compose.cluster.yml')).not.toMatch(/api-data/);
    });
  });

  describe('docker/compose.test-cluster.yml (the failover suite)', () => {
    const nodes = Object.entries(services('docker/compose.test-cluster.yml'));

    it('publishes three nodes on localhost:2121–2123, each advertising that address to clients', () => {
      expect(nodes.map(([name]) => name)).toEqual(['esdb-1', 'esdb-2', 'esdb-3']);
      nodes.forEach(([, node], i) => {
        const port = String(2121 + i);
        expect(node.environment).toMatchObject({
          EVENTSTORE_CLUSTER_SIZE: '3',
          EVENTSTORE_ADVERTISE_HOST_TO_CLIENT_AS: 'localhost',
          EVENTSTORE_ADVERTISE_NODE_PORT_TO_CLIENT_AS: port,
        });
        expect((node as { ports?: string[] }).ports).toEqual([`${port}:2113`]);
      });
    });
  });

  describe('docker/Dockerfile', () => {
    const dockerfile = read('docker/Dockerfile');
    const entrypoint = read('docker/entrypoint.sh');

    it('builds in stages with the native toolchain, and runs as a non-root user', () => {
      expect(dockerfile.match(/^FROM /gm)?.length).toBeGreaterThanOrEqual(3);
      expect(dockerfile).toMatch(/ARG NODE_IMAGE=node:20-bookworm-slim/);
      expect(dockerfile).toMatch(/python3 make g\+\+/);
      expect(dockerfile).toMatch(/^USER node$/m);
      expect(dockerfile).toMatch(/^ENTRYPOINT \["budget-entrypoint"\]$/m);
    });

    it('starts the API, the projector or the CLI by its first argument', () => {
      expect(entrypoint).toContain('apps/api/src/main.ts');
      expect(entrypoint).toContain('apps/projector/src/main.ts');
      expect(entrypoint).toContain('bin/budget.js');
      expect(entrypoint).toContain('libs/event-store/src/eventstoredb/permissions/main.ts');
    });
  });

  it('has the npm scripts the documentation names', () => {
    const scripts = (JSON.parse(read('package.json')) as { scripts: Record<string, string> })
      .scripts;
    expect(scripts['start:projector']).toBe(
      'node -r @swc-node/register apps/projector/src/main.ts',
    );
    expect(scripts['test:servers']).toBe('bash docker/test-servers.sh');
  });
});

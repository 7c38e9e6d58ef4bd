import { createHash } from 'node:crypto';
import { leafHash, MerkleFrontier, merkleRootOf } from './merkle';

/** The test vectors of RFC 6962's reference implementation (certificate-transparency). */
const LEAVES = [
  '',
  '\x00',
  '\x10',
  '\x20\x21',
  '\x30\x31',
  '\x40\x41\x42\x43',
  '\x50\x51\x52\x53\x54\x55\x56\x57',
  '\x60\x61\x62\x63\x64\x65\x66\x67\x68\x69\x6a\x6b\x6c\x6d\x6e\x6f',
];
const ROOTS = [
  'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
  '6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d',
  'fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125',
  'aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77',
  'd37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7',
  '4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4',
  '76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef',
  'ddb89be403809e325750d3d263cd78929c2942b7942a34b77e122c9594a74c8c',
  '5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328',
];

function streamed(leaves: readonly Buffer[]): MerkleFrontier {
  const frontier = MerkleFrontier.empty();
  for (const leaf of leaves) frontier.pushLeafHash(leaf);
  return frontier;
}

describe('MerkleFrontier', () => {
  it.each(ROOTS.map((root, n) => [n, root]))(
    'gives the RFC 6962 root of the first %i reference leaves',
    (n, root) => {
      expect(streamed(LEAVES.slice(0, n).map(leafHash)).root().toString('hex')).toBe(root);
    },
  );

  it('equals the recursive definition for every size up to 300, with at most log2(n)+1 peaks', () => {
    const leaves = Array.from({ length: 300 }, (_, i) =>
      leafHash(createHash('sha256').update(String(i)).digest('hex')),
    );
    const frontier = MerkleFrontier.empty();
    for (let n = 1; n <= leaves.length; n++) {
      frontier.pushLeafHash(leaves[n - 1]!);
      expect(frontier.root().equals(merkleRootOf(leaves.slice(0, n)))).toBe(true);
      expect(frontier.peakHashes.length).toBeLessThanOrEqual(Math.floor(Math.log2(n)) + 1);
    }
  });

  it('continues from restored peaks as if it had never stopped', () => {
    const leaves = Array.from({ length: 45 }, (_, i) => leafHash(`event-${i}`));
    const first = streamed(leaves.slice(0, 27));
    const restored = MerkleFrontier.restore(27n, first.peakHashes);
    for (const leaf of leaves.slice(27)) restored.pushLeafHash(leaf);
    expect(restored.root().equals(streamed(leaves).root())).toBe(true);
    expect(() => MerkleFrontier.restore(27n, first.peakHashes.slice(1))).toThrow(RangeError);
  });

  it('tells a leaf from a node (domain separation)', () => {
    const a = leafHash('a');
    const b = leafHash('b');
    const pair = streamed([a, b]).root();
    // A forged leaf whose data is the two children must not give the same root.
    expect(leafHash(Buffer.concat([a, b]).toString('latin1')).equals(pair)).toBe(false);
  });
});

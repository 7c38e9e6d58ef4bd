import { createHash } from 'node:crypto';

/**
 * The Merkle tree of RFC 6962 (Certificate Transparency), §2.1, over SHA-256:
 * a leaf is SHA-256(0x00 ‖ data), an interior node SHA-256(0x01 ‖ left ‖ right), so a
 * leaf can never be passed off as a node (second-preimage attack). For n leaves the left
 * subtree holds the largest power of two smaller than n. The root of no leaves is
 * SHA-256 of nothing.
 *
 * Our leaves' data are the events' stored `hash` text (64 ASCII hex characters), in log
 * position order: taken exactly as stored, so an auditor's own implementation needs no
 * decoding rule, and a damaged hash column still gives a distinct leaf.
 */
const LEAF_PREFIX = Buffer.from([0x00]);
const NODE_PREFIX = Buffer.from([0x01]);

export const EMPTY_ROOT = createHash('sha256').digest();

export function leafHash(eventHash: string): Buffer {
  return createHash('sha256').update(LEAF_PREFIX).update(eventHash, 'utf8').digest();
}

export function nodeHash(left: Buffer, right: Buffer): Buffer {
  return createHash('sha256').update(NODE_PREFIX).update(left).update(right).digest();
}

/** A perfect subtree of 2^height leaves, identified by its root. */
interface Peak {
  readonly height: number;
  readonly hash: Buffer;
}

/**
 * The tree built one leaf at a time, holding only the roots of its perfect subtrees
 * (the "frontier": one per set bit of the leaf count, so at most log2(n) + 1 hashes).
 * Appending a leaf merges equal-sized peaks like a binary counter's carry; the RFC 6962
 * root folds the peaks from the smallest (right) to the largest (left). This is what
 * lets a checkpoint be computed over a log of any size with O(log n) memory, and the
 * next checkpoint continue from the previous one's frontier instead of re-reading.
 */
export class MerkleFrontier {
  private peaks: Peak[];
  private leaves: bigint;

  private constructor(peaks: Peak[], leaves: bigint) {
    this.peaks = peaks;
    this.leaves = leaves;
  }

  static empty(): MerkleFrontier {
    return new MerkleFrontier([], 0n);
  }

  /**
   * Rebuilds a frontier from its peaks (largest first) and the leaf count they stand for.
   * Throws when the number of peaks does not match the count's set bits.
   */
  static restore(count: bigint, peaks: readonly Buffer[]): MerkleFrontier {
    const heights: number[] = [];
    for (let bit = 63; bit >= 0; bit--) if ((count >> BigInt(bit)) & 1n) heights.push(bit);
    if (count < 0n || count >= 1n << 64n || heights.length !== peaks.length) {
      throw new RangeError(
        `a frontier of ${count} leaves has ${heights.length} peaks, not ${peaks.length}`,
      );
    }
    return new MerkleFrontier(
      heights.map((height, i) => ({ height, hash: peaks[i] as Buffer })),
      count,
    );
  }

  get count(): bigint {
    return this.leaves;
  }

  /** The peaks, largest (leftmost) first. */
  get peakHashes(): Buffer[] {
    return this.peaks.map((p) => p.hash);
  }

  /** Appends a leaf already hashed with `leafHash`. */
  pushLeafHash(leaf: Buffer): void {
    let carry: Peak = { height: 0, hash: leaf };
    for (;;) {
      const last = this.peaks.at(-1);
      if (!last || last.height !== carry.height) break;
      this.peaks.pop();
      carry = { height: carry.height + 1, hash: nodeHash(last.hash, carry.hash) };
    }
    this.peaks.push(carry);
    this.leaves++;
  }

  root(): Buffer {
    let acc: Buffer | undefined;
    for (let i = this.peaks.length - 1; i >= 0; i--) {
      const peak = (this.peaks[i] as Peak).hash;
      acc = acc === undefined ? peak : nodeHash(peak, acc);
    }
    return acc ?? EMPTY_ROOT;
  }

  clone(): MerkleFrontier {
    return new MerkleFrontier([...this.peaks], this.leaves);
  }
}

/** The root of a whole list of leaf data, computed the textbook way (tests compare against it). */
export function merkleRootOf(leafHashes: readonly Buffer[]): Buffer {
  if (leafHashes.length === 0) return EMPTY_ROOT;
  if (leafHashes.length === 1) return leafHashes[0] as Buffer;
  let k = 1;
  while (k * 2 < leafHashes.length) k *= 2;
  return nodeHash(merkleRootOf(leafHashes.slice(0, k)), merkleRootOf(leafHashes.slice(k)));
}

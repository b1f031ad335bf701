//! A hash map for keys no one chooses (pointers, positions on the chart made
//! of scores from 1 to 5): one multiply per word, as rustc's own `FxHash`
//! does. The standard hasher resists keys chosen to collide, and at 10,000
//! capabilities it cost more than the rest of bringing a chart up to date.
//! Never key it by text from a file.

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

/// A `HashMap` hashed by [`FastHasher`].
pub type FastHashMap<K, V> = HashMap<K, V, BuildHasherDefault<FastHasher>>;

/// An empty [`FastHashMap`] with room for `capacity` entries.
#[must_use]
pub fn fast_map<K, V>(capacity: usize) -> FastHashMap<K, V> {
    HashMap::with_capacity_and_hasher(capacity, BuildHasherDefault::default())
}

/// One multiply per word hashed.
#[derive(Default)]
pub struct FastHasher(u64);

/// An odd constant with its bits well spread (from rustc-hash).
const SEED: u64 = 0xf135_7aea_2e62_a9c5;

impl Hasher for FastHasher {
    fn finish(&self) -> u64 {
        // The map picks buckets with the low bits; a multiply leaves them
        // weakest (pointers end in zeros), so bring the high ones down.
        self.0.rotate_left(26)
    }

    fn write(&mut self, bytes: &[u8]) {
        for chunk in bytes.chunks(8) {
            let mut word = [0_u8; 8];
            word[..chunk.len()].copy_from_slice(chunk);
            self.write_u64(u64::from_le_bytes(word));
        }
    }

    fn write_u64(&mut self, i: u64) {
        self.0 = self.0.wrapping_add(i).wrapping_mul(SEED);
    }

    fn write_usize(&mut self, i: usize) {
        self.write_u64(i as u64);
    }

    fn write_i64(&mut self, i: i64) {
        self.write_u64(i.cast_unsigned());
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::hash::{BuildHasher, Hash};

    fn hash<T: Hash>(value: &T) -> u64 {
        BuildHasherDefault::<FastHasher>::default().hash_one(value)
    }

    #[test]
    fn equal_keys_hash_alike_and_near_ones_apart_in_the_low_bits() {
        assert_eq!(hash(&(3_i64, -2_i64)), hash(&(3_i64, -2_i64)), "equal");
        assert_ne!(
            hash(&(3_i64, -2_i64)),
            hash(&(-2_i64, 3_i64)),
            "order counts"
        );
        assert_ne!(hash(&"ab"), hash(&"ba"), "bytes in order");
        // Aligned addresses, 16 apart: their buckets must differ in the
        // low bits the map uses, not only in the high ones.
        let buckets: std::collections::HashSet<u64> = (0..64_usize)
            .map(|i| hash(&(0x7f00_0000 + i * 16)) & 63)
            .collect();
        assert!(buckets.len() > 32, "{} of 64 buckets used", buckets.len());
    }

    #[test]
    fn a_new_map_has_room_for_what_was_asked_up_front() {
        let map: FastHashMap<u64, u64> = fast_map(100);
        assert!(map.is_empty(), "empty");
        assert!(map.capacity() >= 100, "room for {}", map.capacity());
    }

    #[test]
    fn a_map_finds_what_it_holds() {
        let mut map = fast_map(4);
        for i in 0..1000_i64 {
            map.insert((i, -i), i);
        }
        assert!(
            (0..1000_i64).all(|i| map.get(&(i, -i)) == Some(&i)),
            "all found"
        );
        assert_eq!(map.get(&(1, 1)), None, "and nothing else");
    }
}

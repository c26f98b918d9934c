"""Keys and ciphertext only: key derivation, key slots and sealed fields. No SQL, no UI."""

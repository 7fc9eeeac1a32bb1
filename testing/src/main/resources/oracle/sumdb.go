// Operations for the checksum database's signed notes (golang.org/x/mod/sumdb/note) and
// transparent log (golang.org/x/mod/sumdb/tlog). Byte strings travel as standard base64.
package main

import (
	"encoding/base64"
	"fmt"

	"golang.org/x/mod/sumdb/note"
	"golang.org/x/mod/sumdb/tlog"
)

// hashList is a tlog.HashReader over stored hashes held in memory.
type hashList []tlog.Hash

func (h hashList) ReadHashes(indexes []int64) ([]tlog.Hash, error) {
	out := make([]tlog.Hash, len(indexes))
	for i, x := range indexes {
		if x < 0 || x >= int64(len(h)) {
			return nil, fmt.Errorf("index %d out of range", x)
		}
		out[i] = h[x]
	}
	return out, nil
}

// records decodes argument i, a list of base64 records, and returns them with their stored hashes.
func (a args) records(i int) ([][]byte, hashList) {
	var recs [][]byte
	var hashes hashList
	for n, s := range a.strs(i) {
		b, err := base64.StdEncoding.DecodeString(s)
		if err != nil {
			panic(err)
		}
		recs = append(recs, b)
		hs, err := tlog.StoredHashes(int64(n), b, hashes)
		if err != nil {
			panic(err)
		}
		hashes = append(hashes, hs...)
	}
	return recs, hashes
}

func hashStrings(hs []tlog.Hash) []string {
	out := []string{}
	for _, h := range hs {
		out = append(out, h.String())
	}
	return out
}

func tileJSON(t tlog.Tile) []int64 { return []int64{int64(t.H), int64(t.L), t.N, int64(t.W)} }

func init() {
	register("note.newVerifier", func(a args) (any, error) {
		v, err := note.NewVerifier(a.str(0))
		if err != nil {
			return nil, err
		}
		return map[string]any{"name": v.Name(), "hash": v.KeyHash()}, nil
	})
	register("note.newSigner", func(a args) (any, error) {
		s, err := note.NewSigner(a.str(0))
		if err != nil {
			return nil, err
		}
		return map[string]any{"name": s.Name(), "hash": s.KeyHash()}, nil
	})
	register("note.sign", func(a args) (any, error) {
		var signers []note.Signer
		for _, k := range a.strs(1) {
			s, err := note.NewSigner(k)
			if err != nil {
				return nil, err
			}
			signers = append(signers, s)
		}
		msg, err := note.Sign(&note.Note{Text: a.str(0)}, signers...)
		if err != nil {
			return nil, err
		}
		return base64.StdEncoding.EncodeToString(msg), nil
	})
	register("note.open", func(a args) (any, error) {
		var vs []note.Verifier
		for _, k := range a.strs(1) {
			v, err := note.NewVerifier(k)
			if err != nil {
				return nil, err
			}
			vs = append(vs, v)
		}
		n, err := note.Open(a.bytes(0), note.VerifierList(vs...))
		if err != nil {
			return nil, err
		}
		sigs := []string{}
		for _, s := range n.Sigs {
			sigs = append(sigs, fmt.Sprintf("%s+%08x", s.Name, s.Hash))
		}
		unverified := []string{}
		for _, s := range n.UnverifiedSigs {
			unverified = append(unverified, fmt.Sprintf("%s+%08x", s.Name, s.Hash))
		}
		return map[string]any{"text": n.Text, "sigs": sigs, "unverified": unverified}, nil
	})
	register("tlog.storedHashIndex", func(a args) (any, error) {
		return tlog.StoredHashIndex(int(a.int(0)), a.int(1)), nil
	})
	register("tlog.splitStoredHashIndex", func(a args) (any, error) {
		l, n := tlog.SplitStoredHashIndex(a.int(0))
		return []int64{int64(l), n}, nil
	})
	register("tlog.storedHashCount", func(a args) (any, error) {
		return tlog.StoredHashCount(a.int(0)), nil
	})
	// tlog.treeHashes(records): the tree hash of every prefix, sizes 0..len(records).
	register("tlog.treeHashes", func(a args) (any, error) {
		recs, hashes := a.records(0)
		out := []string{}
		for n := 0; n <= len(recs); n++ {
			h, err := tlog.TreeHash(int64(n), hashes)
			if err != nil {
				return nil, err
			}
			out = append(out, h.String())
		}
		return out, nil
	})
	// tlog.proofs(records, pairs): for each [t, n], the record proof and tree proof (or error text).
	register("tlog.proofs", func(a args) (any, error) {
		_, hashes := a.records(0)
		var pairs [][2]int64
		a.decode(1, &pairs)
		out := []map[string]any{}
		for _, p := range pairs {
			r := map[string]any{}
			if rp, err := tlog.ProveRecord(p[0], p[1], hashes); err != nil {
				r["recordError"] = err.Error()
			} else {
				r["record"] = hashStrings(rp)
			}
			if tp, err := tlog.ProveTree(p[0], p[1], hashes); err != nil {
				r["treeError"] = err.Error()
			} else {
				r["tree"] = hashStrings(tp)
			}
			out = append(out, r)
		}
		return out, nil
	})
	register("tlog.tilePath", func(a args) (any, error) {
		return tlog.Tile{H: int(a.int(0)), L: int(a.int(1)), N: a.int(2), W: int(a.int(3))}.Path(), nil
	})
	register("tlog.parseTilePath", func(a args) (any, error) {
		t, err := tlog.ParseTilePath(a.str(0))
		if err != nil {
			return nil, err
		}
		return tileJSON(t), nil
	})
	register("tlog.tileForIndex", func(a args) (any, error) {
		return tileJSON(tlog.TileForIndex(int(a.int(0)), a.int(1))), nil
	})
	register("tlog.newTiles", func(a args) (any, error) {
		out := [][]int64{}
		for _, t := range tlog.NewTiles(int(a.int(0)), a.int(1), a.int(2)) {
			out = append(out, tileJSON(t))
		}
		return out, nil
	})
	// tlog.readTileData(records, h, l, n, w)
	register("tlog.readTileData", func(a args) (any, error) {
		_, hashes := a.records(0)
		t := tlog.Tile{H: int(a.int(1)), L: int(a.int(2)), N: a.int(3), W: int(a.int(4))}
		data, err := tlog.ReadTileData(t, hashes)
		if err != nil {
			return nil, err
		}
		return base64.StdEncoding.EncodeToString(data), nil
	})
	register("tlog.parseTree", func(a args) (any, error) {
		t, err := tlog.ParseTree(a.bytes(0))
		if err != nil {
			return nil, err
		}
		return map[string]any{"n": t.N, "hash": t.Hash.String()}, nil
	})
	register("tlog.parseRecord", func(a args) (any, error) {
		id, text, rest, err := tlog.ParseRecord(a.bytes(0))
		if err != nil {
			return nil, err
		}
		return map[string]any{
			"id":   id,
			"text": base64.StdEncoding.EncodeToString(text),
			"rest": base64.StdEncoding.EncodeToString(rest),
		}, nil
	})
	register("tlog.formatRecord", func(a args) (any, error) {
		msg, err := tlog.FormatRecord(a.int(0), a.bytes(1))
		if err != nil {
			return nil, err
		}
		return base64.StdEncoding.EncodeToString(msg), nil
	})
}

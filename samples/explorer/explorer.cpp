// A blockchain explorer's backend: a chain segment (blocks and receipts as
// Ethereum RLP) is a blob in the data store, read through the data oracle
// by its data root; the service decodes it, hashes what Ethereum hashes
// (keccak256) and answers the questions an explorer asks. js/chain.mjs
// makes the segment; the README gives the blob's layout.
//
//   blockInfo(bytes32 chain, uint32 index) -> (uint64,bytes32,bytes32,bytes32,uint32,uint64,uint64,bool)
//       number, hash, parent hash, transactions root, transaction count,
//       gas used, timestamp, whether the root recomputed from the
//       transactions equals the header's
//   transactionHashes(bytes32 chain, uint32 index) -> bytes32[]
//   transactionsRoot(bytes32 chain, uint32 index) -> bytes32     recomputed (Merkle-Patricia trie)
//   transactionsOf(bytes32 chain, address account) -> (uint32,uint32,bytes32)[]
//       (block, index, hash) of every transaction sent to the account or
//       whose logs the account emitted or appears in as a topic
//   logsOf(bytes32 chain, address account) -> (uint32,uint32,uint32,address,bytes32)[]
//       (block, transaction, log index in the block, emitter, first topic)
//   valueReceived(bytes32 chain, address account) -> (uint256,uint32)
//       the wei sent to the account by transactions, and their count
//   totalValue(bytes32 chain) -> uint256
//
// Senders are not recovered (that needs secp256k1 public-key recovery,
// which the stdlib does not have). A block index past the segment, or a
// malformed blob, gives an empty or zero result, never a trap.
#include <vcc/keccak.hpp>
#include <vcc/oracle.hpp>
#include <vcc/rlp.hpp>
#include <vcc/service.hpp>
#include <vcc/trie.hpp>

#include <cstring>
#include <tuple>
#include <vector>

namespace {

constexpr uint32_t kMagic = 0x31584556;  // "VEX1" little-endian
constexpr size_t kHeaderBytes = 16;
constexpr size_t kEntryBytes = 16;
constexpr uint32_t kMaxBlocks = 1u << 16;
constexpr size_t kMaxBlockBytes = size_t{1} << 26;

uint32_t load32(const uint8_t* p) {
  return uint32_t{p[0]} | uint32_t{p[1]} << 8 | uint32_t{p[2]} << 16 | uint32_t{p[3]} << 24;
}
uint64_t load64(const uint8_t* p) { return uint64_t{load32(p)} | uint64_t{load32(p + 4)} << 32; }

// A transaction's consensus encoding, as hashed and as the trie holds it:
// a legacy transaction is the list item itself, a typed one the string's
// bytes (type || payload).
std::span<const uint8_t> consensusBytes(const vcc::rlp::Item& item) {
  return item.list ? item.encoding : item.payload;
}

// A transaction's recipient (empty for a contract creation) and value.
struct Transfer {
  std::span<const uint8_t> to;
  vcc::u256 value;
};

bool transferOf(const vcc::rlp::Item& tx, Transfer& out) {
  vcc::rlp::Item body;
  size_t skip = 3;  // legacy: nonce, gasPrice, gasLimit
  if (tx.list) {
    body = tx;
  } else {
    if (tx.payload.empty()) return false;
    const uint8_t type = tx.payload[0];
    if (type == 1) skip = 4;        // chainId, nonce, gasPrice, gasLimit
    else if (type == 2) skip = 5;   // chainId, nonce, maxPriorityFee, maxFee, gasLimit
    else return false;
    if (!vcc::rlp::decode(tx.payload.subspan(1), body) || !body.list) return false;
  }
  vcc::rlp::ListReader fields(body);
  vcc::rlp::Item field;
  for (size_t i = 0; i < skip; ++i)
    if (!fields.next(field)) return false;
  vcc::rlp::Item to, value;
  if (!fields.next(to) || to.list || (to.payload.size() != 0 && to.payload.size() != 20) || !fields.next(value))
    return false;
  out.to = to.payload;
  return vcc::rlp::toU256(value, out.value);
}

// One block of the segment: its RLP and its receipts' RLP, decoded.
struct Block {
  vcc::bytes raw, receiptsRaw;
  vcc::rlp::Item header, transactions, receipts;
};

class Chain {
public:
  explicit Chain(const vcc::bytes32& root) : key_(vcc::oracle::keyOf(root)) {
    uint8_t head[kHeaderBytes];
    if (vcc::oracle::read(key_, 0, head) != kHeaderBytes || load32(head) != kMagic) return;
    const uint32_t count = load32(head + 4);
    if (count > kMaxBlocks || vcc::oracle::size(key_) < kHeaderBytes + uint64_t{count} * kEntryBytes) return;
    blocks_ = count;
  }
  uint32_t blocks() const { return blocks_; }

  // Reads and decodes block `index`; false if it is not there or malformed.
  bool load(uint32_t index, Block& block) const {
    if (index >= blocks_) return false;
    uint8_t entry[kEntryBytes];
    if (vcc::oracle::read(key_, kHeaderBytes + uint64_t{index} * kEntryBytes, entry) != kEntryBytes) return false;
    const uint64_t at = load64(entry), blockBytes = load32(entry + 8), receiptBytes = load32(entry + 12);
    const uint64_t size = vcc::oracle::size(key_);
    if (blockBytes + receiptBytes > kMaxBlockBytes || at > size || blockBytes + receiptBytes > size - at) return false;
    block.raw.resize(blockBytes);
    block.receiptsRaw.resize(receiptBytes);
    if (vcc::oracle::read(key_, at, block.raw) != blockBytes ||
        vcc::oracle::read(key_, at + blockBytes, block.receiptsRaw) != receiptBytes)
      return false;
    vcc::rlp::Item whole;
    if (!vcc::rlp::decode(block.raw, whole) || !whole.list) return false;
    vcc::rlp::ListReader parts(whole);
    return parts.next(block.header) && block.header.list && parts.next(block.transactions) &&
           block.transactions.list && vcc::rlp::decode(block.receiptsRaw, block.receipts) && block.receipts.list;
  }

private:
  vcc::oracle::Key key_;
  uint32_t blocks_ = 0;
};

// The header's fields, in order (London: 16 of them; later forks add more).
bool headerField(const Block& block, size_t index, vcc::rlp::Item& field) {
  vcc::rlp::ListReader fields(block.header);
  for (size_t i = 0; i <= index; ++i)
    if (!fields.next(field)) return false;
  return true;
}

vcc::bytes32 bytes32Of(std::span<const uint8_t> data) {
  vcc::bytes32 word;
  if (data.size() == 32) std::memcpy(word.data, data.data(), 32);
  return word;
}

// The transactions' consensus encodings; false if one is malformed.
bool encodedTransactions(const Block& block, std::vector<std::span<const uint8_t>>& out) {
  vcc::rlp::ListReader txs(block.transactions);
  vcc::rlp::Item tx;
  while (txs.next(tx)) out.push_back(consensusBytes(tx));
  return txs.ok();
}

// A receipt's logs: [address, [topics...], data] each.
bool logsOfReceipt(const vcc::rlp::Item& receipt, vcc::rlp::Item& logs) {
  if (receipt.list) return false;  // receipts are byte strings in this blob (README)
  std::span<const uint8_t> body = receipt.payload;
  if (!body.empty() && body[0] < 0x80) body = body.subspan(1);  // typed: drop the type byte
  vcc::rlp::Item fields;
  if (!vcc::rlp::decode(body, fields) || !fields.list) return false;
  vcc::rlp::ListReader reader(fields);
  vcc::rlp::Item skip;
  return reader.next(skip) && reader.next(skip) && reader.next(skip) && reader.next(logs) && logs.list;
}

bool isAccount(std::span<const uint8_t> bytes20, const vcc::address& account) {
  return bytes20.size() == 20 && std::memcmp(bytes20.data(), account.data, 20) == 0;
}

// A topic that holds the account: 12 zero bytes, then its 20 bytes.
bool topicHolds(std::span<const uint8_t> topic, const vcc::address& account) {
  if (topic.size() != 32) return false;
  for (size_t i = 0; i < 12; ++i)
    if (topic[i] != 0) return false;
  return isAccount(topic.subspan(12), account);
}

// Calls visit(blockIndex, txIndex, tx, receipt) for every transaction of
// the segment with its receipt; false if the blob is malformed.
template <class Visit> bool forEachTransaction(const Chain& chain, Visit visit) {
  for (uint32_t b = 0; b < chain.blocks(); ++b) {
    Block block;
    if (!chain.load(b, block)) return false;
    vcc::rlp::ListReader txs(block.transactions), receipts(block.receipts);
    vcc::rlp::Item tx, receipt;
    uint32_t i = 0;
    while (txs.next(tx)) {
      if (!receipts.next(receipt) || !visit(b, i++, tx, receipt)) return false;
    }
    if (!txs.ok()) return false;
  }
  return true;
}

}  // namespace

VCC_METHOD std::tuple<uint64_t, vcc::bytes32, vcc::bytes32, vcc::bytes32, uint32_t, uint64_t, uint64_t, bool> blockInfo(
    vcc::bytes32 chain, uint32_t index) {
  Block b;
  vcc::rlp::Item parent, root, number, gasUsed, timestamp;
  std::vector<std::span<const uint8_t>> txs;
  uint64_t n = 0, gas = 0, time = 0;
  if (!Chain(chain).load(index, b) || !headerField(b, 0, parent) || !headerField(b, 4, root) ||
      !headerField(b, 8, number) || !headerField(b, 10, gasUsed) || !headerField(b, 11, timestamp) ||
      !vcc::rlp::toUint64(number, n) || !vcc::rlp::toUint64(gasUsed, gas) || !vcc::rlp::toUint64(timestamp, time) ||
      !encodedTransactions(b, txs))
    return {};
  const vcc::bytes32 computed = vcc::trie::orderedRoot(txs);
  return {n, vcc::keccak256(b.header.encoding), bytes32Of(parent.payload), bytes32Of(root.payload),
          static_cast<uint32_t>(txs.size()), gas, time, computed == bytes32Of(root.payload)};
}

VCC_METHOD std::vector<vcc::bytes32> transactionHashes(vcc::bytes32 chain, uint32_t index) {
  Block b;
  std::vector<std::span<const uint8_t>> txs;
  std::vector<vcc::bytes32> hashes;
  if (!Chain(chain).load(index, b) || !encodedTransactions(b, txs)) return hashes;
  for (std::span<const uint8_t> tx : txs) hashes.push_back(vcc::keccak256(tx));
  return hashes;
}

VCC_METHOD vcc::bytes32 transactionsRoot(vcc::bytes32 chain, uint32_t index) {
  Block b;
  std::vector<std::span<const uint8_t>> txs;
  if (!Chain(chain).load(index, b) || !encodedTransactions(b, txs)) return {};
  return vcc::trie::orderedRoot(txs);
}

VCC_METHOD std::vector<std::tuple<uint32_t, uint32_t, vcc::bytes32>> transactionsOf(vcc::bytes32 chain,
                                                                                    vcc::address account) {
  std::vector<std::tuple<uint32_t, uint32_t, vcc::bytes32>> found;
  const bool ok = forEachTransaction(Chain(chain), [&](uint32_t b, uint32_t i, const vcc::rlp::Item& tx,
                                                       const vcc::rlp::Item& receipt) {
    Transfer transfer;
    vcc::rlp::Item logs, log;
    if (!transferOf(tx, transfer) || !logsOfReceipt(receipt, logs)) return false;
    bool mentioned = isAccount(transfer.to, account);
    vcc::rlp::ListReader reader(logs);
    while (!mentioned && reader.next(log)) {
      vcc::rlp::ListReader parts(log);
      vcc::rlp::Item emitter, topics, topic;
      if (!parts.next(emitter) || !parts.next(topics)) return false;
      mentioned = isAccount(emitter.payload, account);
      vcc::rlp::ListReader each(topics);
      while (!mentioned && each.next(topic)) mentioned = topicHolds(topic.payload, account);
    }
    if (mentioned) found.emplace_back(b, i, vcc::keccak256(consensusBytes(tx)));
    return reader.ok();
  });
  return ok ? found : decltype(found){};
}

VCC_METHOD std::vector<std::tuple<uint32_t, uint32_t, uint32_t, vcc::address, vcc::bytes32>> logsOf(
    vcc::bytes32 chain, vcc::address account) {
  std::vector<std::tuple<uint32_t, uint32_t, uint32_t, vcc::address, vcc::bytes32>> found;
  uint32_t logIndex = 0;  // within the block
  const bool ok = forEachTransaction(Chain(chain), [&](uint32_t b, uint32_t i, const vcc::rlp::Item&,
                                                       const vcc::rlp::Item& receipt) {
    if (i == 0) logIndex = 0;  // a block's first transaction
    vcc::rlp::Item logs, log;
    if (!logsOfReceipt(receipt, logs)) return false;
    vcc::rlp::ListReader reader(logs);
    while (reader.next(log)) {
      vcc::rlp::ListReader parts(log);
      vcc::rlp::Item emitter, topics, topic, first;
      if (!parts.next(emitter) || emitter.payload.size() != 20 || !parts.next(topics) || !topics.list) return false;
      bool mentioned = isAccount(emitter.payload, account);
      vcc::rlp::ListReader each(topics);
      bool hasFirst = false;
      while (each.next(topic)) {
        if (!hasFirst) {
          first = topic;
          hasFirst = true;
        }
        mentioned = mentioned || topicHolds(topic.payload, account);
      }
      if (mentioned) {
        vcc::address from;
        std::memcpy(from.data, emitter.payload.data(), 20);
        found.emplace_back(b, i, logIndex, from, hasFirst ? bytes32Of(first.payload) : vcc::bytes32{});
      }
      ++logIndex;
    }
    return reader.ok();
  });
  return ok ? found : decltype(found){};
}

VCC_METHOD std::tuple<vcc::u256, uint32_t> valueReceived(vcc::bytes32 chain, vcc::address account) {
  vcc::u256 total;
  uint32_t count = 0;
  const bool ok = forEachTransaction(Chain(chain), [&](uint32_t, uint32_t, const vcc::rlp::Item& tx,
                                                       const vcc::rlp::Item&) {
    Transfer transfer;
    if (!transferOf(tx, transfer)) return false;
    if (isAccount(transfer.to, account)) {
      total = total + transfer.value;
      ++count;
    }
    return true;
  });
  return ok ? std::tuple<vcc::u256, uint32_t>{total, count} : std::tuple<vcc::u256, uint32_t>{};
}

VCC_METHOD vcc::u256 totalValue(vcc::bytes32 chain) {
  vcc::u256 total;
  const bool ok = forEachTransaction(Chain(chain), [&](uint32_t, uint32_t, const vcc::rlp::Item& tx,
                                                       const vcc::rlp::Item&) {
    Transfer transfer;
    if (!transferOf(tx, transfer)) return false;
    total = total + transfer.value;
    return true;
  });
  return ok ? total : vcc::u256{};
}

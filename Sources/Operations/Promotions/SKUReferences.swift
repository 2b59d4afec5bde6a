import Commerce
import Foundation
import Persistence

/// Translates SKU and category references in promotion and coupon JSON between the wire
/// (SKU codes, `cat_` ids) and storage (internal ids): `sku` ↔ `sku_id`, `skus` ↔ `sku_ids`,
/// `categories` ↔ `category_ids` (a category covers its subtree as it is when saved).
struct SKUReferences {
    let store: any Store
    let shop: ShopInfo

    /// Wire JSON → storage JSON, refusing unknown SKUs or categories by field.
    func toStorage(_ object: [String: Any]) async throws -> [String: Any] {
        var codes = Set<String>()
        collectCodes(object, into: &codes)
        let listings = try await store.skuListings(shop.id, codes: Array(codes))
        let categories = try await store.categories(shop.id)
        return try rewriteToStorage(object, path: "", listings: listings, categories: categories) as! [String: Any]
    }

    /// Storage JSON → wire JSON.
    func toWire(_ object: [String: Any], codes: [Int64: String]) -> [String: Any] {
        rewriteToWire(object, codes: codes) as! [String: Any]
    }

    /// Every SKU id a storage object mentions.
    static func skuIDs(in value: Any) -> Set<Int64> {
        var ids = Set<Int64>()
        func walk(_ value: Any, key: String?) {
            if let object = value as? [String: Any] {
                for (key, child) in object { walk(child, key: key) }
            } else if let array = value as? [Any] {
                array.forEach { walk($0, key: key) }
            } else if let number = value as? NSNumber, key == "sku_id" || key == "sku_ids" {
                ids.insert(number.int64Value)
            }
        }
        walk(value, key: nil)
        return ids
    }

    private func collectCodes(_ value: Any, into codes: inout Set<String>) {
        if let object = value as? [String: Any] {
            for (key, child) in object {
                if key == "sku", let code = child as? String { codes.insert(code) }
                if key == "skus", let list = child as? [Any] { list.compactMap { $0 as? String }.forEach { codes.insert($0) } }
                collectCodes(child, into: &codes)
            }
        } else if let array = value as? [Any] {
            array.forEach { collectCodes($0, into: &codes) }
        }
    }

    private func rewriteToStorage(_ value: Any, path: String, listings: [String: SKUListing], categories: [Commerce.Category]) throws -> Any {
        if let array = value as? [Any] {
            return try array.enumerated().map { try rewriteToStorage($1, path: "\(path)[\($0)]", listings: listings, categories: categories) }
        }
        guard let object = value as? [String: Any] else { return value }
        var result: [String: Any] = [:]
        for (key, child) in object {
            let field = path.isEmpty ? key : "\(path).\(key)"
            switch key {
            case "sku":
                guard let code = child as? String, let listing = listings[code] else {
                    throw OperationsError.unknownReference(code: "unknown_sku", field: field, message: "No SKU with code \(child).")
                }
                result["sku_id"] = listing.sku.id
            case "skus":
                guard let list = child as? [Any] else { throw Self.expected("an array of SKU codes", field) }
                result["sku_ids"] = try list.enumerated().map { index, item -> Int64 in
                    guard let code = item as? String, let listing = listings[code] else {
                        throw OperationsError.unknownReference(code: "unknown_sku", field: "\(field)[\(index)]", message: "No SKU with code \(item).")
                    }
                    return listing.sku.id
                }
            case "categories":
                guard let list = child as? [Any] else { throw Self.expected("an array of category ids", field) }
                var ids = Set<Int64>()
                for (index, item) in list.enumerated() {
                    guard let text = item as? String, let id = IDPrefix.category.parse(text), categories.contains(where: { $0.id == id }) else {
                        throw OperationsError.unknownReference(code: "unknown_category", field: "\(field)[\(index)]", message: "No category \(item).")
                    }
                    ids.formUnion(Self.subtree(of: id, in: categories))
                }
                result["category_ids"] = ids.sorted()
            case "sku_id", "sku_ids", "category_ids":
                throw OperationsError.invalid(code: "invalid_value", field: field, message: "Name SKUs by code (sku, skus) and categories by id (categories).")
            default:
                result[key] = try rewriteToStorage(child, path: field, listings: listings, categories: categories)
            }
        }
        return result
    }

    private func rewriteToWire(_ value: Any, codes: [Int64: String]) -> Any {
        if let array = value as? [Any] { return array.map { rewriteToWire($0, codes: codes) } }
        guard let object = value as? [String: Any] else { return value }
        var result: [String: Any] = [:]
        for (key, child) in object {
            switch key {
            case "sku_id": result["sku"] = (child as? NSNumber).flatMap { codes[$0.int64Value] } ?? child
            case "sku_ids": result["skus"] = (child as? [Any] ?? []).map { ($0 as? NSNumber).flatMap { codes[$0.int64Value] } ?? $0 }
            case "category_ids": result["categories"] = (child as? [Any] ?? []).compactMap { ($0 as? NSNumber).map { IDPrefix.category.format($0.int64Value) } }
            default: result[key] = rewriteToWire(child, codes: codes)
            }
        }
        return result
    }

    static func subtree(of root: Int64, in categories: [Commerce.Category]) -> Set<Int64> {
        var result: Set<Int64> = [root]
        var frontier = [root]
        while let next = frontier.popLast() {
            for child in categories where child.parentID == next && !result.contains(child.id) {
                result.insert(child.id)
                frontier.append(child.id)
            }
        }
        return result
    }

    static func expected(_ what: String, _ field: String) -> CommerceError {
        PromotionHeader.wrongType(field, "Expected \(what).")
    }
}

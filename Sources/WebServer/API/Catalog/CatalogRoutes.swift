import Commerce
import Hummingbird
import Operations
import Persistence

/// `/categories`, `/products`, `/skus/{code}`.
enum CatalogRoutes {
    static func register(_ api: APIRouter) {
        let catalog = api.yunying.catalog
        api.add(.post, "/categories", roles: Roles.catalogWriters,
                doc: RouteDoc(summary: "Create a category", tag: "Catalog", request: "CreateCategory", response: "Category", status: 201)) { req in
            let category = try await catalog.createCategory(req.shop, req.decode(CreateCategory.self))
            return try JSONCoding.encode(CategoryView(category), status: .created)
        }
        api.add(.get, "/categories", roles: Roles.everyone,
                doc: RouteDoc(summary: "List categories (the whole tree, parents before children)", tag: "Catalog", response: "CategoryList")) { req in
            let categories = try await catalog.categories(req.shop)
            return try JSONCoding.encode(ListView(data: categories.map(CategoryView.init), hasMore: false))
        }
        api.add(.post, "/products", roles: Roles.catalogWriters,
                doc: RouteDoc(summary: "Create a product with its SKUs", tag: "Catalog", request: "CreateProduct", response: "Product", status: 201)) { req in
            let product = try await catalog.createProduct(req.shop, req.decode(CreateProduct.self))
            return try JSONCoding.encode(ProductView(product), status: .created)
        }
        api.add(.get, "/products", roles: Roles.everyone,
                doc: RouteDoc(summary: "List products, newest first", tag: "Catalog", response: "ProductList",
                              query: ["category", "status", "q", "limit", "starting_after"])) { req in
            let page = try await catalog.products(req.shop, filter: try filter(req), page: req.page(.product))
            return try JSONCoding.encode(ListView(data: page.items.map(ProductView.init), hasMore: page.hasMore))
        }
        api.add(.get, "/products/:id", roles: Roles.everyone,
                doc: RouteDoc(summary: "Get a product", tag: "Catalog", response: "Product")) { req in
            try JSONCoding.encode(ProductView(try await catalog.product(req.shop, id: req.parameter("id"))))
        }
        api.add(.patch, "/products/:id", roles: Roles.catalogWriters,
                doc: RouteDoc(summary: "Change a product's fields, status or lifecycle stage", tag: "Catalog", request: "UpdateProduct", response: "Product")) { req in
            let product = try await catalog.updateProduct(req.shop, id: req.parameter("id"), req.decode(UpdateProduct.self))
            return try JSONCoding.encode(ProductView(product))
        }
        api.add(.get, "/skus/:code", roles: Roles.everyone,
                doc: RouteDoc(summary: "Get a SKU with its margin", tag: "Catalog", response: "SKU")) { req in
            try JSONCoding.encode(SKUView(try await catalog.sku(req.shop, code: req.parameter("code")).sku))
        }
        api.add(.patch, "/skus/:code", roles: Roles.catalogWriters,
                doc: RouteDoc(summary: "Change a SKU's price, cost, specs or low-stock threshold", tag: "Catalog", request: "UpdateSKU", response: "SKU")) { req in
            try JSONCoding.encode(SKUView(try await catalog.updateSKU(req.shop, code: req.parameter("code"), req.decode(UpdateSKU.self))))
        }
    }

    static func filter(_ req: APIRequest) throws -> ProductFilter {
        var filter = ProductFilter(text: req.query("q"))
        if let category = req.query("category") {
            guard let id = IDPrefix.category.parse(category) else {
                throw APIError(status: .unprocessableContent, code: "invalid_id", message: "Expected a category id like cat_1.", field: "category")
            }
            filter.categoryID = id
        }
        if let status = req.query("status") {
            guard let value = ProductStatus(rawValue: status) else {
                throw APIError(status: .unprocessableContent, code: "invalid_value", message: "status is draft, listed or delisted.", field: "status")
            }
            filter.status = value
        }
        return filter
    }
}

import Commerce
import Hummingbird
import Operations
import Persistence

/// `/customers`.
enum CustomerRoutes {
    static func register(_ api: APIRouter) {
        let customers = api.yunying.customers
        api.add(.post, "/customers", roles: Roles.orderWriters,
                doc: RouteDoc(summary: "Create a customer", tag: "Customers", request: "CreateCustomer", response: "Customer", status: 201)) { req in
            try JSONCoding.encode(CustomerView(try await customers.create(req.shop, req.decode(CreateCustomer.self))), status: .created)
        }
        api.add(.get, "/customers", roles: Roles.everyone,
                doc: RouteDoc(summary: "List customers, newest first", tag: "Customers", response: "CustomerList", query: ["limit", "starting_after"])) { req in
            let page = try await customers.customers(req.shop, page: req.page(.customer))
            return try JSONCoding.encode(ListView(data: page.items.map(CustomerView.init), hasMore: page.hasMore))
        }
        api.add(.get, "/customers/:id", roles: Roles.everyone,
                doc: RouteDoc(summary: "Get a customer", tag: "Customers", response: "Customer")) { req in
            try JSONCoding.encode(CustomerView(try await customers.customer(req.shop, id: req.parameter("id"))))
        }
    }
}

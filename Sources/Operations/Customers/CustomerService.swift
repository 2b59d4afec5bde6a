import Commerce
import Persistence

/// Input for a customer record.
public struct CreateCustomer: Sendable, Decodable {
    private enum CodingKeys: String, CodingKey {
        case name, phone, email
        case acquisitionChannel = "acquisition_channel"
    }

    public var name: String
    public var phone: String?
    public var email: String?
    public var acquisitionChannel: String?

    public init(name: String, phone: String? = nil, email: String? = nil, acquisitionChannel: String? = nil) {
        self.name = name
        self.phone = phone
        self.email = email
        self.acquisitionChannel = acquisitionChannel
    }
}

/// Use cases of customers.
public struct CustomerService: Sendable {
    let store: any Store
    let time: any TimeSource

    public init(store: any Store, time: any TimeSource) {
        self.store = store
        self.time = time
    }

    public func create(_ shop: ShopInfo, _ input: CreateCustomer) async throws -> Customer {
        try CatalogRules.validateTitle(input.name, field: "name")
        if let email = input.email, !(email.contains("@") && email.count <= 254) {
            throw CommerceError.invalid("email", "Not an email address.", code: "invalid_email")
        }
        if let phone = input.phone, phone.isEmpty || phone.count > 32 {
            throw CommerceError.invalid("phone", "A phone number has 1 to 32 characters.", code: "invalid_phone")
        }
        if let channel = input.acquisitionChannel, channel.isEmpty || channel.count > 64 {
            throw CommerceError.invalid("acquisition_channel", "1 to 64 characters.")
        }
        return try await store.createCustomer(
            shop.id, name: input.name.trimmingWhitespace, phone: input.phone, email: input.email,
            acquisitionChannel: input.acquisitionChannel, now: time.now())
    }

    public func customer(_ shop: ShopInfo, id: String) async throws -> Customer {
        guard let customerID = IDPrefix.customer.parse(id), let customer = try await store.customer(shop.id, id: customerID) else {
            throw OperationsError.notFound(entity: "customer", id: id)
        }
        return customer
    }

    public func customers(_ shop: ShopInfo, page: PageRequest) async throws -> Page<Customer> {
        try await store.customers(shop.id, page: page)
    }

    /// The customers of `ids` that exist (internal ids), in one read; unknown ids are left out.
    public func customers(_ shop: ShopInfo, ids: [Int64]) async throws -> [Customer] {
        try await store.customers(shop.id, ids: ids)
    }
}

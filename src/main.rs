fn main() {
    credit_dash::start();
}

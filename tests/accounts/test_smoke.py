def test_ib_sees_dutch_home_page_for_her_school(login):
    response = login("ib@demo.nl").get("/")
    assert response.status_code == 200
    assert "Basisschool De Regenboog" in response.content.decode()
